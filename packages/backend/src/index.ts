import { createBackend } from '@backstage/backend-defaults';
import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { createStartupGate } from '@data-platform/plugin-data-platform-node';
import { permissionModuleDataPlatformPolicy } from './permissions/module';

const backend = createBackend();

// The server listens before plugins mount their routes; until they have,
// the metadata service's routes answer 503 with Retry-After rather than a
// 404, which OpenLineage clients would take as final and drop the event.
backend.add(
  rootHttpRouterServiceFactory({
    configure({ app, lifecycle, applyDefaults }) {
      app.use(createStartupGate({ lifecycle }));
      applyDefaults();
    },
  }),
);

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in locally; production config adds real providers
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog: the teams (Groups) that own endpoints and workflows live here
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// every endpoint and workflow of the data platform as an API or Component
// entity, with its lineage as consumed and provided APIs
backend.add(
  import('@data-platform/plugin-catalog-backend-module-data-platform'),
);

// permission: signed-in users read; the data platform's administration and
// raw event log are for dataPlatform.permission.adminGroups (see
// src/permissions)
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleDataPlatformPolicy);

// search: PostgreSQL full-text search in production, Lunr on SQLite
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// events: the bus the catalog, notifications and signals subscribe to
backend.add(import('@backstage/plugin-events-backend'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// the data platform metadata service
backend.add(import('@data-platform/plugin-data-platform-backend'));
// the demo platform: a simulated runtime feeding it, when dataPlatform.demo
// is enabled (local development; off in production)
backend.add(import('@data-platform/plugin-data-platform-backend-module-demo'));

backend.start();
