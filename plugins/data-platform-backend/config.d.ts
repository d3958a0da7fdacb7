import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the data platform metadata service. */
  dataPlatform?: {
    ingestion?: {
      /**
       * The largest request body ingestion accepts, both as sent and once
       * gzip or deflate is inflated, e.g. `32mb` (the default, room for a
       * batch of 500 events with schema facets, about 6 MiB, several times
       * over). Larger bodies get 413 and a dead letter that keeps their
       * first 64 KiB.
       */
      maxBodySize?: string;
      /**
       * The most events one batch request may carry. Default 10000. Larger
       * batches get 413 and a dead letter that keeps the body's first
       * 64 KiB, and nothing of them is stored.
       */
      maxBatchEvents?: number;
      /**
       * How deeply an event may nest objects and arrays, the event itself
       * being level 1. Default 64, far above real OpenLineage events. A
       * deeper event gets 400 with the JSON path of the first level too
       * deep, and a dead letter; in a batch, only that event is refused.
       */
      maxDepth?: number;
      /**
       * How long accepted events are kept in the raw log. Unset (the
       * default) keeps them forever, which replay needs; set it to bound
       * storage, e.g. `{ days: 90 }`. A daily job deletes older events.
       */
      rawEventRetention?: HumanDuration | string;
      /**
       * When accepted events are applied to endpoints, workflows, runs and
       * lineage (derivation).
       */
      derivation?: {
        /**
         * `background` (the default): ingestion answers once an event is
         * kept raw and queued, and a worker applies queued events in
         * batches shortly after, usually within a second. Requests stay
         * cheap and a burst waits in the queue. `inline`: the request
         * applies its events before it answers, so reads see them at once,
         * at a higher cost per request.
         */
        mode?: 'background' | 'inline';
        /**
         * Queued events beyond which ingestion answers 503 with
         * `Retry-After`, storing nothing, until the worker catches up.
         * Default 200000.
         */
        maxBacklog?: number;
        /**
         * Events the worker applies per transaction. Default 1000. While
         * requests of fewer than 100 events come in and fewer than this
         * many events wait, it applies at most 100 at a time, so that their
         * answers stay prompt.
         */
        batchSize?: number;
      };
    };
    /**
     * How OpenLineage owners resolve to catalog entity refs (README,
     * Ownership).
     */
    owners?: {
      /**
       * Owner text as ownership facets name it (matched case-insensitively)
       * and the Group or User ref it means, e.g.
       * `[{ owner: ads-oncall@example.com, entityRef: group:default/ads }]`
       * (a list, since config keys cannot hold e-mail addresses). Checked
       * before every rule but a team's declaration, so it overrides them.
       * A ref without a kind is a Group (`ads` is `group:default/ads`).
       */
      mapping?: Array<{ owner: string; entityRef: string }>;
    };
    /** The catalog reader: users by e-mail and the teams' declarations. */
    catalog?: {
      /**
       * How often the catalog is read, as a SchedulerService schedule.
       * Default every 5 minutes; one replica runs it at a time.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
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
