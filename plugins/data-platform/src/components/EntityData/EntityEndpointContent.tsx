import { Content, Link } from '@backstage/core-components';
import { EndpointDetail } from '@data-platform/plugin-data-platform-common';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useEndpointHref, useWorkflowHref } from '../EntityLinks';
import { EndpointOverviewTab, PartitionsTab, SchemaTab } from '../EndpointPage';
import { LineageTab } from '../LineageExplorer';
import { RunsTab, WorkflowOverviewTab } from '../WorkflowPage';
import { EntityAssetState } from './EntityAssetState';
import { useEntityAsset } from './useEntityAsset';

// The catalog owns the entity page's path, so the section is a search
// parameter: a reload or a shared link opens the same one.
const SECTION_PARAM = 'section';

function SectionTabs(props: {
  label: string;
  sections: Array<{ id: string; label: string; render: () => ReactNode }>;
  pageHref: string;
}) {
  const { label, sections, pageHref } = props;
  const [params, setParams] = useSearchParams();
  const requested = params.get(SECTION_PARAM) ?? '';
  const selected = sections.find(s => s.id === requested) ?? sections[0];
  const select = (id: string) =>
    setParams(
      previous => {
        const next = new URLSearchParams(previous);
        if (id === sections[0].id) next.delete(SECTION_PARAM);
        else next.set(SECTION_PARAM, id);
        return next;
      },
      { replace: true },
    );
  return (
    <Stack spacing={2}>
      <Stack
        direction="row"
        alignItems="center"
        justifyContent="space-between"
        sx={{ borderBottom: 1, borderColor: 'divider' }}
      >
        <Tabs
          aria-label={label}
          value={selected.id}
          onChange={(_, id) => select(id)}
        >
          {sections.map(section => (
            <Tab
              key={section.id}
              value={section.id}
              label={section.label}
              id={`entity-data-tab-${section.id}`}
              aria-controls="entity-data-panel"
            />
          ))}
        </Tabs>
        <Link to={pageHref}>Open in Data</Link>
      </Stack>
      <Box
        role="tabpanel"
        id="entity-data-panel"
        aria-labelledby={`entity-data-tab-${selected.id}`}
      >
        {selected.render()}
      </Box>
    </Stack>
  );
}

function EndpointSections(props: { endpoint: EndpointDetail }) {
  const { endpoint } = props;
  const href = useEndpointHref();
  return (
    <SectionTabs
      label="Endpoint sections"
      pageHref={href(endpoint.id)}
      sections={[
        {
          id: 'overview',
          label: 'Overview',
          render: () => <EndpointOverviewTab endpoint={endpoint} />,
        },
        {
          id: 'schema',
          label: 'Schema',
          render: () => <SchemaTab endpoint={endpoint} />,
        },
        {
          id: 'partitions',
          label: 'Partitions',
          render: () => <PartitionsTab endpoint={endpoint} />,
        },
        {
          id: 'lineage',
          label: 'Lineage',
          render: () => (
            <LineageTab focus={{ id: endpoint.id, kind: 'endpoint' }} />
          ),
        },
      ]}
    />
  );
}

/**
 * The Data tab of an API entity of type `dataset`: the endpoint it stands
 * for, with the overview, schema, partitions and lineage of its page under
 * `/data`.
 */
export function EntityEndpointContent() {
  const loaded = useEntityAsset('endpoint');
  return (
    <Content>
      <EntityAssetState kind="endpoint" loaded={loaded}>
        {endpoint => <EndpointSections endpoint={endpoint} />}
      </EntityAssetState>
    </Content>
  );
}

/**
 * The Data tab of a Component entity of type `data-pipeline`: the
 * workflow it stands for, with its overview, runs and lineage.
 */
export function EntityWorkflowContent() {
  const loaded = useEntityAsset('workflow');
  const href = useWorkflowHref();
  return (
    <Content>
      <EntityAssetState kind="workflow" loaded={loaded}>
        {workflow => (
          <SectionTabs
            label="Workflow sections"
            pageHref={href(workflow.id)}
            sections={[
              {
                id: 'overview',
                label: 'Overview',
                render: () => <WorkflowOverviewTab workflow={workflow} />,
              },
              {
                id: 'runs',
                label: 'Runs',
                render: () => <RunsTab workflow={workflow} />,
              },
              {
                id: 'lineage',
                label: 'Lineage',
                render: () => (
                  <LineageTab focus={{ id: workflow.id, kind: 'workflow' }} />
                ),
              },
            ]}
          />
        )}
      </EntityAssetState>
    </Content>
  );
}
