import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The data platform entity provider
       * (`@data-platform/plugin-catalog-backend-module-data-platform`): every
       * endpoint the metadata service observed becomes an API entity of type
       * `dataset`, every workflow a Component of type `data-pipeline`.
       */
      dataPlatform?: {
        /**
         * How often the provider reads every endpoint and workflow (the full
         * sync): it applies the entities whose content changed, and removes
         * those no longer observed. Default: every 10 minutes, a first run
         * 30 seconds after start, a 15-minute timeout.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * How often the provider asks the metadata service for what changed
         * since its last read (the change poll), between full syncs.
         * Default: every 30 seconds, a first run a minute after start, a
         * 5-minute timeout.
         */
        deltaSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * The OpenLineage namespaces whose endpoints and workflows become
         * entities (exact names, e.g. `postgres://db:5432`, `airflow`).
         * Default: every namespace. A workflow's consumed and provided APIs
         * only name endpoints of these namespaces.
         */
        namespaces?: string[];
        /** The `spec.lifecycle` of every entity. Default `production`. */
        lifecycle?: string;
        /**
         * Endpoints or workflows asked of the metadata service per page,
         * 1 to 500. Default 100.
         */
        pageSize?: number;
      };
    };
  };
}
