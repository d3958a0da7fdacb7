import { Header, HeaderTabs, Link, Page } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { rootRouteRef } from '../../routes';
import { EndpointRoutes, WorkflowRoutes } from '../DataPlatformRoutes';
import { LineagePage } from '../LineageExplorer';
import { OverviewContent } from '../Overview';
import { StewardshipContent } from '../Stewardship';

const SECTIONS = [
  { id: 'overview', label: 'Overview' },
  { id: 'endpoints', label: 'Endpoints' },
  { id: 'workflows', label: 'Workflows' },
  { id: 'lineage', label: 'Lineage' },
  { id: 'stewardship', label: 'Stewardship' },
];

/**
 * The pages legacy apps mount at `/data`: the same sections the new
 * frontend system shows as sub-page tabs, drawn with the legacy header.
 */
export function DataPlatformPage() {
  const root = useRouteRef(rootRouteRef)();
  const { pathname } = useLocation();
  const section = pathname
    .slice(root.replace(/\/$/, '').length)
    .split('/')
    .filter(Boolean)[0];
  const selectedIndex = Math.max(
    0,
    SECTIONS.findIndex(s => s.id === section),
  );

  return (
    <Page themeId="tool">
      <Header
        title="Data Platform"
        subtitle="Endpoints, workflows and their lineage"
      />
      <HeaderTabs
        selectedIndex={selectedIndex}
        tabs={SECTIONS.map(s => ({
          id: s.id,
          label: s.label,
          tabProps: {
            component: Link,
            to: `${root.replace(/\/$/, '')}/${s.id}`,
          },
        }))}
      />
      <Routes>
        {/* The new frontend system opens its first tab; so does this. */}
        <Route index element={<Navigate to="overview" replace />} />
        <Route path="overview" element={<OverviewContent />} />
        <Route path="endpoints/*" element={<EndpointRoutes />} />
        <Route path="workflows/*" element={<WorkflowRoutes />} />
        <Route path="lineage" element={<LineagePage />} />
        <Route path="stewardship" element={<StewardshipContent />} />
      </Routes>
    </Page>
  );
}
