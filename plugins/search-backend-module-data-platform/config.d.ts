import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /**
       * The data platform's collator
       * (`@data-platform/plugin-search-backend-module-data-platform`): indexes
       * every endpoint and workflow of the metadata service, catalogued or not.
       */
      dataPlatform?: {
        /**
         * When the index is rebuilt. Default: every 10 minutes, with a
         * 15-minute timeout, starting 3 seconds after the backend starts.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Endpoints or workflows read per list request (1 to 500, the API's
         * page limit). Memory holds one page at a time. Default 100.
         */
        pageSize?: number;
      };
    };
  };
}
