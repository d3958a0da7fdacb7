import { dataPlatformMetadataReadPermission } from '@data-platform/plugin-data-platform-common';
import { DataPlatformRouter } from '../http/DataPlatformRouter';
import { RequirePermission } from '../http/requirePermission';
import { OverviewService } from './OverviewService';

/** `GET /v1/overview` (`data-platform.metadata.read`). */
export function addOverviewRoutes(
  router: DataPlatformRouter,
  options: { overview: OverviewService; requirePermission: RequirePermission },
) {
  const { overview, requirePermission } = options;
  router.get(
    '/v1/overview',
    requirePermission(dataPlatformMetadataReadPermission),
    async (_req, res) => {
      res.json(await overview.getOverview());
    },
  );
}
