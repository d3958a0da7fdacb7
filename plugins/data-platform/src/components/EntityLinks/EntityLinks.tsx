import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityReference } from '@data-platform/plugin-data-platform-common';
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { ReactNode } from 'react';
import {
  endpointRouteRef,
  endpointsRouteRef,
  runRouteRef,
  workflowRouteRef,
  workflowsRouteRef,
} from '../../routes';
import { BreakableName } from '../Names';

// Route refs encode their params, so ids go in raw here.

/** Where an endpoint's page is. */
export function useEndpointHref() {
  const route = useRouteRef(endpointRouteRef);
  return (id: string) => route({ id });
}

/** Where a workflow's page is. */
export function useWorkflowHref() {
  const route = useRouteRef(workflowRouteRef);
  return (id: string) => route({ id });
}

/** Where a run's page is. */
export function useRunHref() {
  const route = useRouteRef(runRouteRef);
  return (workflowId: string, runId: string) => route({ workflowId, runId });
}

/** Where the explorers are. */
export function useExplorerHrefs() {
  return {
    endpoints: useRouteRef(endpointsRouteRef)(),
    workflows: useRouteRef(workflowsRouteRef)(),
  };
}

type Referenced = Pick<EntityReference, 'id' | 'name'> & {
  namespace?: string;
};

/** A link to an endpoint's page, titled with its full identity. */
export function EndpointLink(props: {
  endpoint: Referenced;
  children?: ReactNode;
}) {
  const href = useEndpointHref();
  const { endpoint, children } = props;
  return (
    <Link
      to={href(endpoint.id)}
      title={
        endpoint.namespace
          ? `${endpoint.namespace}/${endpoint.name}`
          : endpoint.name
      }
    >
      {children ?? <BreakableName name={endpoint.name} />}
    </Link>
  );
}

/** A link to a workflow's page, titled with its full identity. */
export function WorkflowLink(props: {
  workflow: Referenced;
  children?: ReactNode;
}) {
  const href = useWorkflowHref();
  const { workflow, children } = props;
  return (
    <Link
      to={href(workflow.id)}
      title={
        workflow.namespace
          ? `${workflow.namespace}/${workflow.name}`
          : workflow.name
      }
    >
      {children ?? <BreakableName name={workflow.name} />}
    </Link>
  );
}

/** Run ids are UUIDs; the first block tells them apart on a page. */
export function shortRunId(runId: string): string {
  return runId.length > 13 ? `${runId.slice(0, 8)}…` : runId;
}

/** A link to a run's page, showing the short form of its id. */
export function RunLink(props: { workflowId: string; runId: string }) {
  const href = useRunHref();
  const { workflowId, runId } = props;
  return (
    <Link
      to={href(workflowId, runId)}
      title={runId}
      aria-label={`Run ${runId}`}
    >
      <Box component="span" sx={{ fontFamily: 'monospace' }}>
        {shortRunId(runId)}
      </Box>
    </Link>
  );
}

/**
 * Endpoints or workflows as a list of links, each with its namespace below,
 * or a note when there are none.
 */
export function EntityLinkList(props: {
  kind: 'endpoint' | 'workflow';
  items: EntityReference[];
  /** Shown when `items` is empty. */
  empty: string;
  'aria-label': string;
}) {
  const { kind, items, empty } = props;
  if (items.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {empty}
      </Typography>
    );
  }
  return (
    <List dense disablePadding aria-label={props['aria-label']}>
      {items.map(item => (
        <ListItem key={item.id} disableGutters>
          <ListItemText
            primary={
              kind === 'endpoint' ? (
                <EndpointLink endpoint={item} />
              ) : (
                <WorkflowLink workflow={item} />
              )
            }
            secondary={item.namespace}
          />
        </ListItem>
      ))}
    </List>
  );
}
