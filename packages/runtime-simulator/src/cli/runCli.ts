/* eslint-disable no-console */
import { InputError } from '@backstage/errors';
import { Command, InvalidArgumentError } from 'commander';
import { writeFileSync } from 'node:fs';
import { focusCosts, focusCsv } from '../cost/focusCosts';
import { orgYaml } from '../catalog/orgEntities';
import { HttpBatchSink, LineageSink, NdjsonFileSink } from '../emit/sinks';
import { generatePlatform } from '../model/generatePlatform';
import { Platform } from '../model/types';
import { eventsBetween, snapshotEvents, windows } from '../openlineage/history';
import { RunEventBuilder } from '../openlineage/runEvents';
import { RunEvent } from '../openlineage/types';

const DAY = 86_400_000;
const DEFAULT_URL = 'http://localhost:7007/api/data-platform';

const integer = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new InvalidArgumentError('expected a whole number');
  }
  return n;
};

const positive = (value: string) => {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('expected a positive number');
  return n;
};

type PlatformFlags = {
  seed: number;
  teams: number;
  endpoints: number;
  workflows: number;
  edges?: number;
  days: number;
  until?: string;
};

type SinkFlags = {
  url: string;
  token?: string;
  out?: string;
  concurrency: number;
};

function platformOptions(command: Command, sizes: Partial<PlatformFlags>) {
  return command
    .option('--seed <n>', 'seed of the simulation', integer, 42)
    .option('--teams <n>', 'teams', integer, sizes.teams ?? 12)
    .option('--endpoints <n>', 'endpoints', integer, sizes.endpoints ?? 300)
    .option('--workflows <n>', 'workflows', integer, sizes.workflows ?? 150)
    .option(
      '--edges <n>',
      'input and output edges (default ~3 inputs each)',
      integer,
    )
    .option('--days <n>', 'days of history', integer, sizes.days ?? 30)
    .option('--until <iso>', 'end of the history (default: now)');
}

function sinkOptions(command: Command) {
  return command
    .option('--url <url>', "the data-platform plugin's base URL", DEFAULT_URL)
    .option(
      '--token <token>',
      'ingestion token (default: $DATA_PLATFORM_INGEST_TOKEN)',
    )
    .option(
      '--concurrency <n>',
      'batch requests in flight at once',
      positive,
      1,
    )
    .option('--out <file>', 'write NDJSON to this file instead of sending');
}

function buildPlatform(flags: PlatformFlags): {
  platform: Platform;
  until: Date;
} {
  const until = flags.until ? new Date(flags.until) : new Date();
  if (Number.isNaN(until.getTime())) {
    throw new InputError(`--until ${flags.until} is not a date`);
  }
  const platform = generatePlatform({
    seed: flags.seed,
    teams: flags.teams,
    endpoints: flags.endpoints,
    workflows: flags.workflows,
    edges: flags.edges,
    historyDays: flags.days,
    historyStart: new Date(
      Math.floor(until.getTime() / DAY) * DAY - flags.days * DAY,
    ),
  });
  return { platform, until };
}

function openSink(flags: SinkFlags): LineageSink {
  if (flags.out) return new NdjsonFileSink(flags.out);
  const token = flags.token ?? process.env.DATA_PLATFORM_INGEST_TOKEN;
  if (!token) {
    throw new InputError(
      'an ingestion token is needed: --token or DATA_PLATFORM_INGEST_TOKEN (or --out to write a file)',
    );
  }
  return new HttpBatchSink({
    serviceUrl: flags.url,
    token,
    concurrency: flags.concurrency,
  });
}

function describe(platform: Platform) {
  return `${platform.teams.length} teams, ${platform.endpoints.length} endpoints, ${platform.workflows.length} workflows, ${platform.edges} edges`;
}

function report(sink: LineageSink, started: number) {
  const seconds = (Date.now() - started) / 1000;
  const { sent, accepted, rejected, bytes, reasons } = sink.stats;
  console.error(
    `${sent} events (${(bytes / 2 ** 20).toFixed(1)} MiB) in ${seconds.toFixed(
      1,
    )} s, ${Math.round(
      sent / seconds,
    )} events/s; ${accepted} accepted, ${rejected} rejected`,
  );
  for (const reason of reasons) console.error(`  rejected: ${reason}`);
  if (sink.stats.throttled > 0) {
    console.error(
      `  ${sink.stats.throttled} requests waited out the service's backpressure and were sent again`,
    );
  }
  if (rejected > 0) process.exitCode = 1;
}

/**
 * The simulator's command line: `seed`, `live`, `scale`, `org` and `cost`.
 * Resolves when the command is done (`live` runs until interrupted).
 */
export async function runCli(argv: string[]): Promise<void> {
  const program = new Command('runtime-simulator')
    .description(
      'Simulates a pipeline runtime that feeds the data platform metadata service with OpenLineage events',
    )
    .showHelpAfterError();

  sinkOptions(
    platformOptions(
      program
        .command('seed')
        .description(
          'backfill history through the batch endpoint (or to --out)',
        ),
      {},
    ),
  ).action(async (flags: PlatformFlags & SinkFlags) => {
    const { platform, until } = buildPlatform(flags);
    const sink = openSink(flags);
    console.error(`Seeding ${describe(platform)}, ${flags.days} days`);
    const started = Date.now();
    const builder = new RunEventBuilder(platform);
    for (const [from, to] of windows(
      new Date(until.getTime() - flags.days * DAY),
      until,
      DAY,
    )) {
      await sink.send(eventsBetween(platform, from, to, builder));
    }
    await sink.close();
    report(sink, started);
  });

  sinkOptions(
    platformOptions(
      program
        .command('live')
        .description(
          'emit events as they happen, on a real or accelerated clock',
        ),
      { days: 0 },
    ),
  )
    .option('--speed <x>', 'simulated seconds per real second', positive, 1)
    .option('--interval <seconds>', 'real seconds between sends', positive, 5)
    .option(
      '--duration <seconds>',
      'stop after this many real seconds',
      positive,
    )
    .action(
      async (
        flags: PlatformFlags &
          SinkFlags & { speed: number; interval: number; duration?: number },
      ) => {
        const { platform, until: from } = buildPlatform(flags);
        console.error(
          `Live: ${describe(platform)}, from ${from.toISOString()} at ${
            flags.speed
          }x`,
        );
        const sink = openSink(flags);
        const builder = new RunEventBuilder(platform);
        const realStart = Date.now();
        const simulated = () =>
          new Date(from.getTime() + (Date.now() - realStart) * flags.speed);
        let cursor = from;
        let stopped = false;
        process.once('SIGINT', () => {
          stopped = true;
        });
        while (!stopped) {
          await new Promise(r => setTimeout(r, flags.interval * 1000));
          const now = simulated();
          const events = eventsBetween(platform, cursor, now, builder);
          await sink.send(events);
          console.error(`${now.toISOString()}: ${events.length} events`);
          cursor = now;
          if (
            flags.duration !== undefined &&
            Date.now() - realStart >= flags.duration * 1000
          ) {
            break;
          }
        }
        await sink.close();
        report(sink, realStart);
      },
    );

  sinkOptions(
    platformOptions(
      program
        .command('scale')
        .description(
          'a large platform, one finished partition per workflow, for benchmarks',
        ),
      { teams: 60, endpoints: 100_000, workflows: 40_000, days: 30 },
    ),
  ).action(async (flags: PlatformFlags & SinkFlags) => {
    const started = Date.now();
    const { platform, until } = buildPlatform({
      ...flags,
      edges: flags.edges ?? 300_000,
    });
    const generated = Date.now();
    console.error(
      `Generated ${describe(platform)} in ${(
        (generated - started) /
        1000
      ).toFixed(1)} s`,
    );
    const sink = openSink(flags);
    let batch: RunEvent[] = [];
    for (const event of snapshotEvents(platform, until)) {
      batch.push(event);
      if (batch.length === 500) {
        await sink.send(batch);
        batch = [];
      }
    }
    await sink.send(batch);
    await sink.close();
    report(sink, generated);
  });

  platformOptions(
    program
      .command('org')
      .description('write the teams as catalog Groups and Users (YAML)'),
    {},
  )
    .requiredOption('--out <file>', 'the YAML file to write')
    .action((flags: PlatformFlags & { out: string }) => {
      const { platform } = buildPlatform(flags);
      writeFileSync(flags.out, orgYaml(platform));
      console.error(`Wrote ${platform.teams.length} teams to ${flags.out}`);
    });

  platformOptions(
    program
      .command('cost')
      .description('write daily FOCUS cost rows per workflow and endpoint'),
    {},
  )
    .requiredOption('--out <file>', 'the file to write: .csv or .json')
    .action((flags: PlatformFlags & { out: string }) => {
      const { platform, until } = buildPlatform(flags);
      const rows = focusCosts(
        platform,
        new Date(until.getTime() - flags.days * DAY),
        flags.days,
      );
      writeFileSync(
        flags.out,
        flags.out.endsWith('.json')
          ? `${JSON.stringify(rows, null, 2)}\n`
          : focusCsv(rows),
      );
      console.error(`Wrote ${rows.length} cost rows to ${flags.out}`);
    });

  await program.parseAsync(argv, { from: 'user' });
}
