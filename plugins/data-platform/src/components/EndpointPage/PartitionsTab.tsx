import { TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  EndpointDetail,
  Partition,
} from '@data-platform/plugin-data-platform-common';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { Theme } from '@mui/material/styles';
import { useState } from 'react';
import { dataPlatformApiRef } from '../../api';
import { PAGE_SIZE, useCursorPagination } from '../CursorPagination';
import { RunLink, WorkflowLink } from '../EntityLinks';
import {
  formatBytes,
  formatNumber,
  formatRelativeTime,
  formatTimestamp,
} from '../format';
import { PagedTable } from '../PagedTable';
import { PartitionKey } from '../PartitionKey';
import { dateRangeToIso } from './dateRange';

// The browser draws the date picker's icon; tell it which theme it is on.
const dateFieldSx = (theme: Theme) => ({
  '& input': { colorScheme: theme.palette.mode },
});

/** The partitions runs produced of an endpoint, newest first. */
export function PartitionsTab(props: { endpoint: EndpointDetail }) {
  const { endpoint } = props;
  const api = useApi(dataPlatformApiRef);
  const [range, setRange] = useState({ from: '', to: '' });
  const filters = dateRangeToIso(range);
  const pagination = useCursorPagination(
    cursor =>
      api.listPartitions(endpoint.id, { ...filters, limit: PAGE_SIZE, cursor }),
    `${endpoint.id}|${filters.from}|${filters.to}`,
  );
  const filtered = Boolean(range.from || range.to);

  const columns: TableColumn<Partition>[] = [
    {
      title: 'Partition',
      field: 'key',
      highlight: true,
      render: row => (
        <Typography variant="body2" component="span">
          <PartitionKey partitionKey={row.key} />
        </Typography>
      ),
    },
    {
      title: 'Landed',
      field: 'landedAt',
      render: row => (
        <Stack spacing={0.25}>
          <span>{formatRelativeTime(row.landedAt)}</span>
          <Typography variant="caption" color="text.secondary">
            {formatTimestamp(row.landedAt)}
          </Typography>
        </Stack>
      ),
    },
    {
      title: 'Run',
      field: 'runId',
      render: row => <RunLink workflowId={row.workflow.id} runId={row.runId} />,
    },
    {
      title: 'Rows',
      field: 'rowCount',
      type: 'numeric',
      render: row => formatNumber(row.rowCount),
    },
    {
      title: 'Size',
      field: 'bytes',
      type: 'numeric',
      render: row => formatBytes(row.bytes),
    },
    {
      title: 'Produced by',
      field: 'workflow',
      render: row => <WorkflowLink workflow={row.workflow} />,
    },
  ];

  return (
    <>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={2}
        alignItems={{ xs: 'stretch', sm: 'center' }}
        sx={{ mb: 2 }}
      >
        <TextField
          label="From"
          type="date"
          size="small"
          value={range.from}
          onChange={event =>
            setRange(previous => ({ ...previous, from: event.target.value }))
          }
          InputLabelProps={{ shrink: true }}
          sx={dateFieldSx}
        />
        <TextField
          label="To"
          type="date"
          size="small"
          value={range.to}
          onChange={event =>
            setRange(previous => ({ ...previous, to: event.target.value }))
          }
          InputLabelProps={{ shrink: true }}
          sx={dateFieldSx}
        />
        <Button
          onClick={() => setRange({ from: '', to: '' })}
          disabled={!filtered}
        >
          Clear dates
        </Button>
        <Typography variant="caption" color="text.secondary">
          Dates are the partition's nominal start, or when it landed if it has
          none.
        </Typography>
      </Stack>
      <PagedTable<Partition>
        pagination={pagination}
        title="Partitions"
        subtitle={`${formatNumber(endpoint.partitions.count)} in all`}
        columns={columns}
        pagesLabel="Partition pages"
        filtered={filtered}
        empty={{
          title: 'No partitions yet',
          description:
            'A partition appears here when a run that writes this endpoint completes.',
        }}
        noRows="No partitions in this date range."
      />
    </>
  );
}
