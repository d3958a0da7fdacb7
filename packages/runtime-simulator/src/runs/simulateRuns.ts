import { Rng } from '../random/Rng';
import { Platform, Schedule, Workflow } from '../model/types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const PERIOD_MS: Record<Schedule, number> = {
  hourly: HOUR,
  daily: 24 * HOUR,
};

/**
 * How long after its partition closes a run can still emit events: a late
 * start, a ten-fold long run and two retries. Windows look back this far
 * so that no run straddling a window's start is lost.
 */
export const MAX_RUN_LAG_MS = 48 * HOUR;

const MAX_ATTEMPTS = 3;

/** One attempt at running a workflow for one partition: one OpenLineage run. */
export type RunAttempt = {
  runId: string;
  workflow: Workflow;
  /** 1 for the scheduled run, 2 and 3 for retries. */
  attempt: number;
  nominalStart: number;
  nominalEnd: number;
  start: number;
  end: number;
  state: 'COMPLETE' | 'FAIL';
  errorMessage?: string;
  /** Started well after its schedule, so its partitions land late. */
  late: boolean;
  /** Ran several times longer than usual. */
  long: boolean;
  /** The scheduler's run of the team's hourly or daily DAG. */
  parentRunId: string;
};

const ERRORS: Record<Workflow['engine'], string[]> = {
  bigquery: [
    'Resources exceeded during query execution: Not enough resources for query planning - too many subqueries or query is too complex.',
    'Quota exceeded: Your project exceeded quota for concurrent queries.',
    'Access Denied: Table: User does not have permission to query table, or perhaps it does not exist.',
  ],
  dataflow: [
    'Workflow failed. Causes: The job failed because a work item has failed 4 times. Look in previous log entries for the cause of each one of the 4 failures.',
    'Startup of the worker pool in zone europe-west1-b failed to bring up any of the desired 10 workers: ZONE_RESOURCE_POOL_EXHAUSTED.',
  ],
  flink: [
    'org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy',
    'java.util.concurrent.TimeoutException: Checkpoint expired before completing.',
  ],
};

/**
 * The attempts of one workflow for the partition starting at
 * `nominalStart`: a pure function of the seed, the workflow and the
 * partition, so any window of history can be computed on its own and
 * computing it twice gives the same runs.
 */
export function simulatePartition(
  platform: Platform,
  workflow: Workflow,
  nominalStart: number,
): RunAttempt[] {
  const rng = Rng.for(platform.seed, 'run', workflow.index, nominalStart);
  const period = PERIOD_MS[workflow.schedule];
  const nominalEnd = nominalStart + period;
  const late = rng.chance(0.04);
  let start =
    nominalEnd +
    workflow.startOffsetMinutes * MINUTE +
    rng.int(0, 120) * 1000 +
    (late ? Math.round(rng.logNormal(100, 0.5) * MINUTE) : 0);
  const parentRunId = Rng.for(
    platform.seed,
    'dag',
    workflow.owner,
    workflow.schedule,
    nominalStart,
  ).uuid();
  const breaking = brokenInput(platform, workflow, nominalStart);

  const attempts: RunAttempt[] = [];
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const long = rng.chance(0.02);
    const duration = Math.max(
      20_000,
      Math.round(
        rng.logNormal(workflow.medianDurationSeconds, 0.35) *
          1000 *
          (long ? 4 + rng.next() * 6 : 1),
      ),
    );
    // A breaking change upstream fails runs until its owner adapts, which
    // retries alone rarely fix.
    const failureRate = breaking ? 0.7 : workflow.failureRate;
    const fails = rng.chance(failureRate);
    const end = fails
      ? start + Math.round(duration * (0.1 + 0.8 * rng.next()))
      : start + duration;
    attempts.push({
      runId: rng.uuid(),
      workflow,
      attempt,
      nominalStart,
      nominalEnd,
      start,
      end,
      state: fails ? 'FAIL' : 'COMPLETE',
      errorMessage: fails
        ? breaking ?? rng.pick(ERRORS[workflow.engine])
        : undefined,
      late,
      long,
      parentRunId,
    });
    if (!fails) break;
    start = end + rng.int(5, 15) * MINUTE;
  }
  return attempts;
}

/** The breaking change an input went through in the day before, if any. */
function brokenInput(
  platform: Platform,
  workflow: Workflow,
  nominalStart: number,
): string | undefined {
  for (const input of workflow.inputs) {
    const endpoint = platform.endpoints[input];
    for (const change of endpoint.evolution) {
      if (change.kind === 'add') continue;
      if (change.at <= nominalStart && change.at > nominalStart - 24 * HOUR) {
        return change.kind === 'drop'
          ? `Unrecognized name: ${change.name} in ${endpoint.namespace}/${endpoint.name}; the column was dropped upstream.`
          : `Schema mismatch: column ${change.name} of ${endpoint.namespace}/${endpoint.name} is now ${change.type}.`;
      }
    }
  }
  return undefined;
}

/**
 * Every attempt that starts or ends in [from, to), across the platform, in
 * no particular order. Partitions are enumerated from MAX_RUN_LAG_MS before
 * `from`, so runs that started earlier and end in the window are included.
 */
export function attemptsInWindow(
  platform: Platform,
  from: number,
  to: number,
): RunAttempt[] {
  const result: RunAttempt[] = [];
  for (const workflow of platform.workflows) {
    const period = PERIOD_MS[workflow.schedule];
    const first = Math.floor((from - MAX_RUN_LAG_MS) / period) * period;
    for (let nominal = first; nominal + period < to; nominal += period) {
      for (const attempt of simulatePartition(platform, workflow, nominal)) {
        const touches =
          (attempt.start >= from && attempt.start < to) ||
          (attempt.end >= from && attempt.end < to);
        if (touches) result.push(attempt);
      }
    }
  }
  return result;
}

/**
 * Each workflow's last partition whose attempts all ended before `at`: one
 * snapshot of the whole platform, what the scale mode sends.
 */
export function* latestAttempts(
  platform: Platform,
  at: number,
): Generator<RunAttempt[]> {
  for (const workflow of platform.workflows) {
    const period = PERIOD_MS[workflow.schedule];
    // Most partitions finish within a period of closing; walk back from the
    // newest until one has.
    for (
      let nominal = Math.floor(at / period) * period - period;
      ;
      nominal -= period
    ) {
      const attempts = simulatePartition(platform, workflow, nominal);
      if (attempts[attempts.length - 1].end < at) {
        yield attempts;
        break;
      }
    }
  }
}
