// The backend under test of bench:catalog: the plugins one phase needs,
// named in BENCH_CATALOG_FEATURES (comma-separated), so each phase's
// process holds only its own work and its memory is its own:
//
// - `catalog`: the catalog (the baseline phase, reading a static location);
// - `data-platform`: the metadata service;
// - `provider`: the catalog with the data platform's entity provider;
// - `collator`: search on PostgreSQL with the data platform's collator.
//
// Packages load from their TypeScript sources through the Backstage CLI's
// require hook, as bench/lib/service.cjs does.
require('@backstage/cli/config/nodeTransform.cjs');

const { createBackend } = require('@backstage/backend-defaults');

const features = new Set(
  (process.env.BENCH_CATALOG_FEATURES ?? '').split(',').filter(Boolean),
);
const backend = createBackend();
if (features.has('catalog') || features.has('provider')) {
  backend.add(require('@backstage/plugin-catalog-backend').default);
}
if (features.has('data-platform')) {
  backend.add(require('@data-platform/plugin-data-platform-backend').default);
}
if (features.has('provider')) {
  backend.add(
    require('@data-platform/plugin-catalog-backend-module-data-platform')
      .default,
  );
}
if (features.has('collator')) {
  backend.add(require('@backstage/plugin-search-backend').default);
  backend.add(require('@backstage/plugin-search-backend-module-pg').default);
  backend.add(
    require('@data-platform/plugin-search-backend-module-data-platform')
      .default,
  );
}
backend.start().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
