import { Link } from '@backstage/core-components';
import {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import { DataPlatformSearchDocument } from '@data-platform/plugin-data-platform-common';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { ReactNode } from 'react';

/**
 * Props of `DataPlatformSearchResultListItem`, as the search page passes
 * them to every result item.
 *
 * @public
 */
export type DataPlatformSearchResultListItemProps = {
  result?: SearchDocument;
  highlight?: ResultHighlight;
  rank?: number;
  icon?: ReactNode;
};

const kindLabels: Record<DataPlatformSearchDocument['kind'], string> = {
  endpoint: 'Endpoint',
  workflow: 'Workflow',
};

/**
 * A search result of type `data-platform`: an endpoint or a workflow, with
 * its name (linking to its page), kind, owner and namespace. The legacy
 * plugin provides it as a search result extension (`plugin.ts`), the new
 * frontend system's plugin as `search-result-list-item:data-platform`.
 */
export function DataPlatformSearchResultListItem(
  props: DataPlatformSearchResultListItemProps,
) {
  const { highlight, icon } = props;
  const result = props.result as DataPlatformSearchDocument | undefined;
  if (!result) return null;

  const title = highlight?.fields.title ? (
    <HighlightedSearchResultText
      text={highlight.fields.title}
      preTag={highlight.preTag}
      postTag={highlight.postTag}
    />
  ) : (
    result.title
  );

  return (
    // The search page wraps each item in its list item, which also reports
    // the click to analytics (hence the link's noTrack).
    <Box sx={{ display: 'flex', alignItems: 'flex-start', width: '100%' }}>
      {icon && <ListItemIcon>{icon}</ListItemIcon>}
      <ListItemText
        primary={
          <Link noTrack to={result.location}>
            {title}
          </Link>
        }
        secondaryTypographyProps={{ component: 'div' }}
        secondary={
          <Box
            sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 0.5 }}
            alignItems="center"
          >
            <Chip size="small" label={kindLabels[result.kind] ?? result.kind} />
            <Typography variant="body2" component="span">
              Owner: {result.owner || 'unknown'}
            </Typography>
            <Typography variant="body2" component="span">
              Namespace: {result.namespace}
            </Typography>
          </Box>
        }
      />
    </Box>
  );
}
