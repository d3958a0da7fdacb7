import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { Fragment, ReactNode } from 'react';
import { MISSING } from '../format';

export type MetadataItem = {
  label: string;
  /** Absent (`undefined`, `false`, empty) shows as a dash, so every page has the same rows. */
  value?: ReactNode;
};

function isAbsent(value: ReactNode) {
  return (
    value === undefined || value === null || value === false || value === ''
  );
}

/** Label and value pairs as a description list. */
export function MetadataList(props: {
  items: MetadataItem[];
  'aria-label'?: string;
}) {
  return (
    <Box
      component="dl"
      aria-label={props['aria-label']}
      sx={{
        display: 'grid',
        gridTemplateColumns: {
          xs: '1fr',
          sm: 'minmax(120px, max-content) 1fr',
        },
        columnGap: 3,
        rowGap: 1.5,
        m: 0,
      }}
    >
      {props.items.map(item => (
        <Fragment key={item.label}>
          <Typography
            component="dt"
            variant="body2"
            color="text.secondary"
            sx={{ fontWeight: 500 }}
          >
            {item.label}
          </Typography>
          <Typography
            component="dd"
            variant="body2"
            sx={{ m: 0, minWidth: 0, overflowWrap: 'anywhere' }}
          >
            {isAbsent(item.value) ? MISSING : item.value}
          </Typography>
        </Fragment>
      ))}
    </Box>
  );
}
