import { ApiRouter } from '@backstage/backend-openapi-utils';
import type { spec } from '../schema/openapi';

/**
 * The router every domain's routes are added to: typed and validated by
 * the OpenAPI document, created once, in `service/router.ts`.
 */
export type DataPlatformRouter = ApiRouter<typeof spec>;
