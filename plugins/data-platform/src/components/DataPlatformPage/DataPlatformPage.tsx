import { Header, Page } from '@backstage/core-components';
import { OverviewContent } from '../Overview';

/**
 * The page legacy apps mount at `/data`. The new frontend system draws the
 * plugin header itself and renders {@link OverviewContent} directly.
 */
export function DataPlatformPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Data Platform"
        subtitle="Endpoints, workflows and their lineage"
      />
      <OverviewContent />
    </Page>
  );
}
