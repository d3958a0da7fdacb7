import { Link } from '@backstage/core-components';
import TableChartOutlined from '@mui/icons-material/TableChartOutlined';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { alpha, useTheme } from '@mui/material/styles';
import { Handle, Node, NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { truncateMiddle } from '../../Names';
import { ENDPOINT_HEADER, FIELD_HEIGHT } from './columnGraph';

export type ColumnEndpointData = {
  name: string;
  namespace: string;
  href?: string;
  isFocus: boolean;
};

export type FieldData = { field: string };

export type ColumnEndpointNode = Node<ColumnEndpointData, 'columnEndpoint'>;
export type FieldNode = Node<FieldData, 'columnField'>;

// As many characters of an endpoint's name as its card's header holds; a
// longer name loses its middle, keeping the last segments that tell the
// endpoints of one platform apart.
const NAME_CHARS = 20;

const HANDLE_STYLE = { opacity: 0, pointerEvents: 'none' as const };

function ColumnEndpointComponent(props: NodeProps<ColumnEndpointNode>) {
  const { data, width, height } = props;
  const theme = useTheme();
  return (
    <Box
      data-testid={`column-endpoint-${data.namespace}/${data.name}`}
      sx={{
        width,
        height,
        boxSizing: 'border-box',
        borderRadius: 1,
        border: `${data.isFocus ? 2 : 1}px solid ${
          data.isFocus ? theme.palette.primary.main : theme.palette.divider
        }`,
        backgroundColor: data.isFocus
          ? alpha(
              theme.palette.primary.main,
              theme.palette.mode === 'dark' ? 0.16 : 0.06,
            )
          : theme.palette.background.paper,
        '&:focus-within': {
          outline: `3px solid ${theme.palette.primary.main}`,
          outlineOffset: 2,
        },
      }}
    >
      <Box
        sx={{
          height: ENDPOINT_HEADER,
          display: 'flex',
          alignItems: 'center',
          gap: 0.75,
          px: 1.25,
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        <TableChartOutlined fontSize="small" sx={{ color: 'text.secondary' }} />
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="body2" noWrap sx={{ fontWeight: 600 }}>
            {data.href ? (
              <Link
                to={data.href}
                color="inherit"
                title={`${data.namespace}/${data.name}`}
                aria-label={data.name}
              >
                {truncateMiddle(data.name, NAME_CHARS)}
              </Link>
            ) : (
              <span title={`${data.namespace}/${data.name}`}>
                {truncateMiddle(data.name, NAME_CHARS)}
              </span>
            )}
          </Typography>
          <Typography
            variant="caption"
            component="div"
            noWrap
            color="text.secondary"
          >
            {data.namespace}
          </Typography>
        </Box>
      </Box>
    </Box>
  );
}

function FieldComponent(props: NodeProps<FieldNode>) {
  const { data, width } = props;
  const theme = useTheme();
  return (
    <Box
      sx={{
        width,
        height: FIELD_HEIGHT - 4,
        boxSizing: 'border-box',
        px: 1,
        display: 'flex',
        alignItems: 'center',
        borderRadius: 0.5,
        fontFamily: 'monospace',
        fontSize: 12,
        color: theme.palette.text.primary,
        backgroundColor: theme.palette.action.hover,
      }}
      title={data.field || 'The endpoint as a whole (dataset-level lineage)'}
    >
      <Handle
        type="target"
        position={Position.Left}
        isConnectable={false}
        style={HANDLE_STYLE}
      />
      <Box
        component="span"
        sx={{
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          whiteSpace: 'nowrap',
        }}
      >
        {data.field || <em>whole endpoint</em>}
      </Box>
      <Handle
        type="source"
        position={Position.Right}
        isConnectable={false}
        style={HANDLE_STYLE}
      />
    </Box>
  );
}

export const ColumnEndpointCard = memo(ColumnEndpointComponent);
export const FieldCard = memo(FieldComponent);
