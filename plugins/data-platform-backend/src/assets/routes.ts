import { dataPlatformMetadataReadPermission } from '@data-platform/plugin-data-platform-common';
import { DataPlatformRouter } from '../http/DataPlatformRouter';
import { timestamp } from '../http/queryParameters';
import { RequirePermission } from '../http/requirePermission';
import { AssetsService } from './AssetsService';

/**
 * The endpoint, workflow and run pages' routes
 * (`data-platform.metadata.read`).
 */
export function addAssetRoutes(
  router: DataPlatformRouter,
  options: { assets: AssetsService; requirePermission: RequirePermission },
) {
  const { assets, requirePermission } = options;
  const read = requirePermission(dataPlatformMetadataReadPermission);

  router.get('/v1/endpoints', read, async (req, res) => {
    res.json(await assets.listEndpoints(req.query));
  });

  router.get('/v1/endpoints/:id', read, async (req, res) => {
    res.json(await assets.getEndpoint(req.params.id));
  });

  router.get('/v1/endpoints/:id/schema-versions', read, async (req, res) => {
    res.json({ items: await assets.listSchemaVersions(req.params.id) });
  });

  router.get('/v1/endpoints/:id/schema-diff', read, async (req, res) => {
    const { from, to } = req.query;
    res.json(await assets.getSchemaDiff(req.params.id, from, to));
  });

  router.get('/v1/endpoints/:id/partitions', read, async (req, res) => {
    const { limit, cursor } = req.query;
    res.json(
      await assets.listPartitions(req.params.id, {
        from: timestamp(req.query, 'from'),
        to: timestamp(req.query, 'to'),
        limit,
        cursor,
      }),
    );
  });

  router.get('/v1/workflows', read, async (req, res) => {
    res.json(await assets.listWorkflows(req.query));
  });

  router.get('/v1/workflows/:id', read, async (req, res) => {
    res.json(await assets.getWorkflow(req.params.id));
  });

  router.get('/v1/workflows/:id/runs', read, async (req, res) => {
    // The store reads the times as given, once they pass the check.
    timestamp(req.query, 'from');
    timestamp(req.query, 'to');
    res.json(await assets.listRuns(req.params.id, req.query));
  });

  router.get('/v1/values', read, async (req, res) => {
    const { field, kind, prefix, limit } = req.query;
    res.json({
      items: await assets.listValues({
        field,
        kind,
        prefix,
        limit: limit ?? 20,
      }),
    });
  });

  router.get('/v1/runs/:runId', read, async (req, res) => {
    res.json(await assets.getRun(req.params.runId));
  });
}
