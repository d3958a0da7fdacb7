import { LineageNode } from '@data-platform/plugin-data-platform-common';
import CloseIcon from '@mui/icons-material/Close';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useRef } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { RunLink } from '../EntityLinks';
import { OwnerText } from '../ExplorerCells';
import { formatNumber, formatRelativeTime } from '../format';
import { MetadataList } from '../MetadataList';
import { RunStateChip } from '../RunStateChip';
import { statusLabel } from './lineageStatus';

/** The width of the details pane over the graph's right edge. */
export const NODE_PANEL_WIDTH = 340;

function fanout(side: LineageNode['upstream'], noun: string) {
  return `${formatNumber(side.total)} ${noun}${side.total === 1 ? '' : 's'}`;
}

/**
 * The details of the graph's selected node, in a pane over the graph's
 * right edge, so that looking at a node does not leave the graph: what it
 * is, whose, how it last ran or landed, and the link to its page. Escape
 * or the close button closes it, and focus goes back to the node.
 */
export function LineageNodePanel(props: {
  node: LineageNode;
  href: string;
  onClose: () => void;
}) {
  const { node, href, onClose } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const kind = node.kind === 'endpoint' ? 'Endpoint' : 'Workflow';
  const neighbours = node.kind === 'endpoint' ? 'workflow' : 'endpoint';

  useEffect(() => {
    heading.current?.focus();
  }, [node.id]);

  return (
    <Paper
      role="dialog"
      aria-modal={false}
      aria-labelledby="lineage-node-panel-title"
      elevation={6}
      onKeyDown={event => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
      sx={{
        position: 'absolute',
        top: 8,
        right: 8,
        bottom: 8,
        width: NODE_PANEL_WIDTH,
        maxWidth: 'calc(100% - 16px)',
        zIndex: 6,
        display: 'flex',
        flexDirection: 'column',
        overflow: 'auto',
      }}
    >
      <Stack direction="row" alignItems="flex-start" sx={{ p: 2, pb: 1 }}>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Typography variant="overline" color="text.secondary">
            {kind}
          </Typography>
          <Typography
            id="lineage-node-panel-title"
            ref={heading}
            tabIndex={-1}
            variant="h6"
            component="h2"
            sx={{ wordBreak: 'break-word', outline: 'none' }}
          >
            {node.name}
          </Typography>
        </Box>
        <IconButton aria-label="Close details" onClick={onClose} size="small">
          <CloseIcon fontSize="small" />
        </IconButton>
      </Stack>
      <Box sx={{ px: 2 }}>
        <MetadataList
          aria-label={`About ${node.name}`}
          items={[
            { label: 'Namespace', value: node.namespace },
            {
              label: 'Owner',
              value: node.owner && <OwnerText owner={node.owner} />,
            },
            { label: 'Status', value: statusLabel(node.status) },
            node.kind === 'workflow'
              ? {
                  label: 'Last run',
                  value: node.lastRun && (
                    <Stack spacing={0.5} alignItems="flex-start">
                      <RunStateChip state={node.lastRun.state} />
                      <Typography variant="body2" component="span">
                        <RunLink workflowId={node.id} runId={node.lastRun.id} />
                        {node.lastRun.endedAt &&
                          ` · ${formatRelativeTime(node.lastRun.endedAt)}`}
                      </Typography>
                    </Stack>
                  ),
                }
              : {
                  label: 'Last partition',
                  value:
                    node.lastUpdatedAt &&
                    `landed ${formatRelativeTime(node.lastUpdatedAt)}`,
                },
            { label: 'Upstream', value: fanout(node.upstream, neighbours) },
            {
              label: 'Downstream',
              value: fanout(node.downstream, neighbours),
            },
          ]}
        />
      </Box>
      <Stack direction="row" spacing={1} sx={{ p: 2, mt: 'auto' }}>
        <Button variant="contained" component={RouterLink} to={href}>
          Open {kind.toLocaleLowerCase('en-US')} page
        </Button>
        <Button onClick={onClose}>Close</Button>
      </Stack>
    </Paper>
  );
}
