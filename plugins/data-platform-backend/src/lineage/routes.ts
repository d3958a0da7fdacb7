import { dataPlatformMetadataReadPermission } from '@data-platform/plugin-data-platform-common';
import { Response } from 'express';
import { DataPlatformRouter } from '../http/DataPlatformRouter';
import { RequirePermission } from '../http/requirePermission';
import { LineageService } from './LineageService';

/**
 * Lineage's read routes (`data-platform.metadata.read`). GET on the
 * ingestion path reads the graph; POST takes events (ingestion's routes).
 */
export function addLineageRoutes(
  router: DataPlatformRouter,
  options: { lineage: LineageService; requirePermission: RequirePermission },
) {
  const { lineage, requirePermission } = options;
  const read = requirePermission(dataPlatformMetadataReadPermission);

  router.get('/v1/lineage', read, async (req, res) => {
    res.json(await lineage.getGraph(req.query));
  });

  router.get('/v1/lineage/columns', read, async (req, res) => {
    res.json(await lineage.getColumnGraph(req.query));
  });

  router.get('/v1/lineage/impact', read, async (req, res) => {
    const { format, ...query } = req.query;
    if (format !== 'csv') {
      res.json(await lineage.getImpact(query));
      return;
    }
    const { filename, csv } = await lineage.getImpactCsv(query);
    // The typed response covers the JSON body only.
    (res as Response)
      .status(200)
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${filename}"`)
      .send(csv);
  });
}
