import { mockServices } from '@backstage/backend-test-utils';
import {
  emptySinkStats,
  LineageSink,
  RunEvent,
  eventsBetween,
} from '@data-platform/runtime-simulator';
import { DemoConfig } from '../config/readDemoConfig';
import { DemoRuntime, demoPlatform } from './DemoRuntime';

const HOUR = 3_600_000;
const config: DemoConfig = {
  enabled: true,
  seed: 1,
  teams: 3,
  endpoints: 40,
  workflows: 20,
  historyDays: 2,
  live: true,
  liveInterval: { minutes: 1 },
};

class CollectingSink implements LineageSink {
  readonly events: RunEvent[] = [];
  readonly stats = emptySinkStats();
  async send(events: RunEvent[]) {
    this.events.push(...events);
    this.stats.sent += events.length;
  }
  async close() {}
}

const key = (e: RunEvent) => `${e.run.runId}/${e.eventType}`;

describe('DemoRuntime', () => {
  const start = Date.parse('2026-06-10T12:00:00Z');

  function runtime(options: {
    workflows: number;
    lastEventAt?: string;
    live?: boolean;
  }) {
    let now = start;
    const sink = new CollectingSink();
    const platform = demoPlatform(config, start);
    const demo = new DemoRuntime({
      config: { ...config, live: options.live ?? true },
      platform,
      sink,
      serviceState: async () => options,
      logger: mockServices.logger.mock(),
      now: () => now,
    });
    return {
      demo,
      sink,
      platform,
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  it('seeds the history into an empty service, then sends only what is new', async () => {
    const { demo, sink, platform, advance } = runtime({ workflows: 0 });
    await demo.tick();
    const seeded = sink.events.length;
    expect(
      eventsBetween(platform, new Date(start - 48 * HOUR), new Date(start)).map(
        key,
      ),
    ).toEqual(sink.events.map(key));

    advance(HOUR);
    await demo.tick();
    advance(HOUR);
    await demo.tick();
    expect(sink.events.length).toBeGreaterThan(seeded);
    expect(sink.events.map(key)).toEqual(
      eventsBetween(
        platform,
        new Date(start - 48 * HOUR),
        new Date(start + 2 * HOUR),
      ).map(key),
    );
  });

  it('does not seed a service that has workflows; resumes from its last event', async () => {
    const { demo, sink, platform } = runtime({
      workflows: 5,
      lastEventAt: new Date(start - 3 * HOUR).toISOString(),
    });
    await demo.tick();
    expect(sink.events.map(key)).toEqual(
      eventsBetween(platform, new Date(start - 3 * HOUR), new Date(start)).map(
        key,
      ),
    );
  });

  it('catches up at most the history after a long stop, a day at a time', async () => {
    const { demo, sink, platform } = runtime({
      workflows: 5,
      lastEventAt: new Date(start - 10 * 24 * HOUR).toISOString(),
    });
    const send = jest.spyOn(sink, 'send');
    await demo.tick();
    expect(send).toHaveBeenCalledTimes(2);
    expect(sink.events.map(key)).toEqual(
      eventsBetween(platform, new Date(start - 48 * HOUR), new Date(start)).map(
        key,
      ),
    );
  });

  it('only seeds when live is off', async () => {
    const { demo, sink, advance } = runtime({ workflows: 0, live: false });
    await demo.tick();
    const seeded = sink.events.length;
    advance(5 * HOUR);
    await demo.tick();
    expect(sink.events.length).toBe(seeded);
  });

  it('simulates the same platform after a restart in the same block', () => {
    expect(JSON.stringify(demoPlatform(config, start + 5 * HOUR))).toBe(
      JSON.stringify(demoPlatform(config, start)),
    );
  });
});
