import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the data platform metadata service. */
  dataPlatform?: {
    ingestion?: {
      /**
       * The largest request body ingestion accepts, after gzip is inflated,
       * e.g. `32mb` (the default, room for a batch of 500 events with
       * schema facets, about 6 MiB, several times over). Larger bodies get
       * 413 and a dead letter.
       */
      maxBodySize?: string;
      /**
       * How long accepted events are kept in the raw log. Unset (the
       * default) keeps them forever, which replay needs; set it to bound
       * storage, e.g. `{ days: 90 }`. A daily job deletes older events.
       */
      rawEventRetention?: HumanDuration | string;
    };
  };
}
