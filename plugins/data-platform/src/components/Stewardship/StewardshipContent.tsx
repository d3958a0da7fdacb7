import { TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  EndpointSummary,
  UnownedReason,
  WorkflowSummary,
} from '@data-platform/plugin-data-platform-common';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { dataPlatformApiRef } from '../../api';
import { PAGE_SIZE, useCursorPagination } from '../CursorPagination';
import { EndpointLink, WorkflowLink } from '../EntityLinks';
import { identityColumns } from '../ExplorerCells';
import { MISSING } from '../format';
import { PagedTable } from '../PagedTable';
import { ClaimButton } from './ClaimButton';
import { unownedReasonText } from './claimSnippet';

type Unowned = {
  namespace: string;
  name: string;
  description?: string;
  observedOwner?: string;
  unownedReason?: UnownedReason;
};

/** The columns both lists share: who it is, what events say, why, claim. */
function columns<T extends Unowned>(
  kind: 'endpoint' | 'workflow',
  link: (row: T) => JSX.Element,
): TableColumn<T>[] {
  return [
    ...identityColumns(link, '35%'),
    {
      title: 'Observed owner',
      field: 'observedOwner',
      render: row =>
        row.observedOwner ? <code>{row.observedOwner}</code> : MISSING,
    },
    {
      title: 'Why unowned',
      field: 'unownedReason',
      render: row => unownedReasonText(row.unownedReason),
    },
    {
      title: '',
      field: 'id',
      render: row => <ClaimButton kind={kind} item={row} />,
    },
  ];
}

function UnownedEndpoints() {
  const api = useApi(dataPlatformApiRef);
  const pagination = useCursorPagination(
    cursor => api.listEndpoints({ unowned: true, limit: PAGE_SIZE, cursor }),
    'unowned-endpoints',
  );
  return (
    <PagedTable<EndpointSummary>
      pagination={pagination}
      title="Unowned endpoints"
      subtitle="Datasets no team owns yet"
      pagesLabel="Unowned endpoint pages"
      filtered={false}
      empty={{
        title: 'Every endpoint has an owner',
        description:
          'Endpoints whose owner is missing, masked or unknown to the catalog appear here.',
      }}
      columns={columns<EndpointSummary>('endpoint', row => (
        <EndpointLink endpoint={row} />
      ))}
    />
  );
}

function UnownedWorkflows() {
  const api = useApi(dataPlatformApiRef);
  const pagination = useCursorPagination(
    cursor => api.listWorkflows({ unowned: true, limit: PAGE_SIZE, cursor }),
    'unowned-workflows',
  );
  return (
    <PagedTable<WorkflowSummary>
      pagination={pagination}
      title="Unowned workflows"
      subtitle="Jobs no team owns yet"
      pagesLabel="Unowned workflow pages"
      filtered={false}
      empty={{
        title: 'Every workflow has an owner',
        description:
          'Workflows whose owner is missing, masked or unknown to the catalog appear here.',
      }}
      columns={columns<WorkflowSummary>('workflow', row => (
        <WorkflowLink workflow={row} />
      ))}
    />
  );
}

/**
 * Stewardship: the endpoints and workflows no owner resolved for (none
 * named, masked, or unknown to the catalog), each with what events name
 * and why it does not resolve, and a Claim action with the entity a team
 * adds to its catalog-info.yaml to own it.
 */
export function StewardshipContent() {
  return (
    <Stack spacing={3} sx={{ p: 3 }}>
      <Typography variant="body2" color="text.secondary">
        An owner resolves from a team's declaration, the configured mapping, a
        group or user reference, <code>team:&lt;name&gt;</code>, or an e-mail
        address of a catalog user. These resolve to no one.
      </Typography>
      <UnownedEndpoints />
      <UnownedWorkflows />
    </Stack>
  );
}
