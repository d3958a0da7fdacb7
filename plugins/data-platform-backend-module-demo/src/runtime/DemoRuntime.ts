import { LoggerService } from '@backstage/backend-plugin-api';
import {
  LineageSink,
  Platform,
  RunEventBuilder,
  eventsBetween,
  generatePlatform,
  windows,
} from '@data-platform/runtime-simulator';
import { DemoConfig } from '../config/readDemoConfig';

const DAY = 86_400_000;

/** What the runtime needs to know of the service before it sends anything. */
export type ServiceState = { workflows: number; lastEventAt?: string };

/**
 * The demo platform for a configuration. Its history is anchored to a block
 * of `historyDays` days counted from the epoch rather than to the moment of
 * start, so a restarted backend simulates the same platform, with the same
 * schema changes on the same days, and keeps feeding it consistently.
 * Schema changes are spread over the previous and the current block: some
 * fall in the seeded history, the rest happen live.
 */
export function demoPlatform(config: DemoConfig, now = Date.now()): Platform {
  const block = config.historyDays * DAY;
  const blockStart = Math.floor(now / block) * block;
  return generatePlatform({
    seed: config.seed,
    teams: config.teams,
    endpoints: config.endpoints,
    workflows: config.workflows,
    historyStart: new Date(blockStart - block),
    historyDays: 2 * config.historyDays,
  });
}

/**
 * Feeds the metadata service like a pipeline runtime: on its first tick it
 * backfills `historyDays` of history if the service has no workflows yet,
 * then each tick sends what happened since the previous one. Windows that
 * overlap (after a restart) resend identical events, which the service
 * ignores, so no run is lost or doubled.
 */
export class DemoRuntime {
  private cursor?: number;
  private readonly builder: RunEventBuilder;

  constructor(
    private readonly options: {
      config: DemoConfig;
      platform: Platform;
      sink: LineageSink;
      serviceState: () => Promise<ServiceState>;
      logger: LoggerService;
      now?: () => number;
    },
  ) {
    this.builder = new RunEventBuilder(options.platform);
  }

  async tick(): Promise<void> {
    const { config, logger, sink } = this.options;
    const now = this.options.now?.() ?? Date.now();
    if (this.cursor === undefined) {
      const state = await this.options.serviceState();
      const earliest = now - config.historyDays * DAY;
      if (state.workflows === 0) {
        await this.seed(earliest, now);
        this.cursor = now;
        return;
      }
      const last = state.lastEventAt ? Date.parse(state.lastEventAt) : now;
      this.cursor = Math.max(earliest, Math.min(last, now));
      logger.info(
        `Demo platform already seeded (${
          state.workflows
        } workflows); live from ${new Date(this.cursor).toISOString()}`,
      );
    }
    if (!config.live) return;
    const before = { ...sink.stats };
    // A day at a time: after a long stop the catch-up can be weeks.
    for (const [from, to] of windows(
      new Date(this.cursor),
      new Date(now),
      DAY,
    )) {
      await sink.send(
        eventsBetween(this.options.platform, from, to, this.builder),
      );
      this.cursor = to.getTime();
    }
    const sent = sink.stats.sent - before.sent;
    const rejected = sink.stats.rejected - before.rejected;
    if (rejected > 0) {
      logger.warn(
        `Demo runtime: the service rejected ${rejected} of ${sent} events: ${sink.stats.reasons[0]}`,
      );
    } else {
      logger.debug(`Demo runtime sent ${sent} events`);
    }
  }

  private async seed(from: number, to: number) {
    const { config, logger, platform, sink } = this.options;
    const started = Date.now();
    logger.info(
      `Seeding the demo platform: ${platform.teams.length} teams, ${platform.endpoints.length} endpoints, ${platform.workflows.length} workflows, ${config.historyDays} days of history`,
    );
    let day = 0;
    for (const [a, b] of windows(new Date(from), new Date(to), DAY)) {
      await sink.send(eventsBetween(platform, a, b, this.builder));
      if (++day % 5 === 0) {
        logger.info(
          `Demo seed: ${day} of ${config.historyDays} days, ${sink.stats.sent} events sent`,
        );
      }
    }
    const { sent, rejected, reasons } = sink.stats;
    const seconds = Math.round((Date.now() - started) / 1000);
    const message = `Demo platform seeded: ${sent} events in ${seconds} s, ${rejected} rejected`;
    if (rejected > 0) logger.warn(`${message}; first: ${reasons[0]}`);
    else logger.info(message);
  }
}
