import { HttpAuthService } from '@backstage/backend-plugin-api';
import { DataPlatformRouter } from '../http/DataPlatformRouter';
import { HealthService } from './HealthService';

/**
 * `GET /health`: any user or service, no permission, so that probes and
 * the overview page can read it; 503 while a check fails.
 */
export function addHealthRoutes(
  router: DataPlatformRouter,
  options: { health: HealthService; httpAuth: HttpAuthService },
) {
  const { health, httpAuth } = options;
  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const status = await health.getHealth();
    res.status(status.status === 'ok' ? 200 : 503).json(status);
  });
}
