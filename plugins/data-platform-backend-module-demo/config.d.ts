import { HumanDuration } from '@backstage/types';

export interface Config {
  dataPlatform?: {
    /**
     * The demo platform (`@data-platform/plugin-data-platform-backend-module-demo`):
     * a simulated pipeline runtime that seeds the metadata service on first
     * start and keeps it live, and whose teams the catalog lists. For local
     * development only; off in production.
     */
    demo?: {
      /** Whether the demo runs at all. Default false. */
      enabled?: boolean;
      /** Seed of the simulation; the same seed gives the same platform. Default 42. */
      seed?: number;
      /** Teams, each a catalog Group with a few Users. Default 12. */
      teams?: number;
      /** Endpoints (datasets), a quarter of them raw event streams. Default 300. */
      endpoints?: number;
      /** Hourly and daily workflows. Default 150. */
      workflows?: number;
      /**
       * Days of history seeded on first start, i.e. when the service has no
       * workflows yet. Default 30.
       */
      historyDays?: number;
      /** Whether to keep emitting events as runs happen after the seed. Default true. */
      live?: boolean;
      /**
       * How often the live runtime sends what happened since its last send,
       * e.g. `{ minutes: 1 }` (the default) or an ISO 8601 duration.
       */
      liveInterval?: HumanDuration | string;
    };
  };
}
