import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { dataPlatformMetadataReadPermission } from '@data-platform/plugin-data-platform-common';
import { Request } from 'express';
import { HealthService } from '../health/HealthService';
import { spec } from '../schema/openapi';
import { MetadataStore } from '../store/MetadataStore';

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: MetadataStore;
  health: HealthService;
}) {
  const { httpAuth, permissions, store, health } = options;
  const router = createValidatedOpenApiRouter(spec);

  const authorizeRead = async (req: Request) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: dataPlatformMetadataReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Unauthorized');
    }
  };

  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const status = await health.getHealth();
    res.status(status.status === 'ok' ? 200 : 503).json(status);
  });

  router.get('/v1/overview', async (req, res) => {
    await authorizeRead(req);
    const counts = await store.getIngestionCounts();
    res.json({
      databaseClient: store.databaseClient,
      ingestion: {
        acceptedEvents: counts.acceptedEvents,
        rejectedEvents: counts.rejectedEvents,
        ...(counts.lastEventAt && {
          lastEventAt: counts.lastEventAt.toISOString(),
        }),
      },
    });
  });

  return router;
}
