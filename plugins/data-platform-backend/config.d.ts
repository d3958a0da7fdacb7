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
    /** Limits that keep lineage answers bounded. */
    lineage?: {
      /**
       * The largest `depth` (workflow hops) a lineage request may ask for;
       * deeper asks get 400. Default 10.
       */
      maxDepth?: number;
      /**
       * Nodes in one lineage graph; the walk stops there and the answer
       * says `truncated`. Default 2000.
       */
      maxNodes?: number;
      /**
       * Neighbours returned per node and side when a request gives no
       * `fanout`; the rest are counted. Default 50.
       */
      defaultFanout?: number;
      /** The largest `fanout` a request gets; larger asks are capped. Default 500. */
      maxFanout?: number;
      /**
       * Items in one impact report (which has no fan-out limit); beyond
       * it the report says `truncated`. Default 10000.
       */
      impactMaxNodes?: number;
    };
  };
}
