import { createRouteRef } from '@backstage/core-plugin-api';

/** The data platform's root page, mounted at `/data`. */
export const rootRouteRef = createRouteRef({ id: 'data-platform' });
