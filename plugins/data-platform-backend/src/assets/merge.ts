import { RunState } from '@data-platform/plugin-data-platform-common';
import { RunEventType } from '../openlineage/facts';

/** Attributes, each with the event time (epoch ms) it came from. */
export type TimedAttributes<T> = { [K in keyof T]?: { v: T[K]; t: number } };

/**
 * Merges one event's attributes into what is known. Per attribute, the value
 * from the newest event that has one wins (ties broken by the value itself),
 * so the result is the same whatever order events arrive in and however
 * often each arrives.
 */
export function mergeAttributes<T extends object>(
  current: TimedAttributes<T>,
  incoming: Partial<T>,
  time: Date,
): TimedAttributes<T> {
  const t = time.getTime();
  const next: TimedAttributes<T> = { ...current };
  for (const key of Object.keys(incoming) as (keyof T)[]) {
    const v = incoming[key];
    if (v === undefined) continue;
    const existing = current[key];
    if (
      !existing ||
      t > existing.t ||
      (t === existing.t && JSON.stringify(v) > JSON.stringify(existing.v))
    ) {
      next[key] = { v: v as T[typeof key], t };
    }
  }
  return next;
}

/** The plain values of {@link TimedAttributes}. */
export function attributeValues<T extends object>(
  timed: TimedAttributes<T>,
): Partial<T> {
  return Object.fromEntries(
    Object.entries(timed).map(([k, entry]) => [k, (entry as { v: unknown }).v]),
  ) as Partial<T>;
}

const RANK: Record<RunEventType, number> = {
  OTHER: 0,
  START: 1,
  RUNNING: 2,
  COMPLETE: 3,
  ABORT: 3,
  FAIL: 3,
};
// Two terminal events at the same instant: a failure is the safer verdict.
const TERMINAL_PRIORITY: Record<RunEventType, number> = {
  OTHER: 0,
  START: 0,
  RUNNING: 0,
  COMPLETE: 1,
  ABORT: 2,
  FAIL: 3,
};
const STATE: Record<RunEventType, RunState> = {
  OTHER: 'NEW',
  START: 'RUNNING',
  RUNNING: 'RUNNING',
  COMPLETE: 'COMPLETED',
  ABORT: 'ABORTED',
  FAIL: 'FAILED',
};

/** The part of a run its events' types and times decide. */
export type RunLifecycle = {
  state: RunState;
  stateRank: number;
  stateEventType: RunEventType;
  stateTime: Date;
  startedAt?: Date;
  endedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * Folds one event into a run's lifecycle. The state is the maximum over a
 * total order (rank, then time, then terminal priority), and the times are
 * minima and maxima, so any order of delivery, duplicates included,
 * converges to the same lifecycle: COMPLETE before START still ends
 * COMPLETED, and a late RUNNING cannot reopen a finished run.
 */
export function foldRunEvent(
  current: RunLifecycle | undefined,
  eventType: RunEventType,
  time: Date,
): RunLifecycle {
  const candidate = {
    state: STATE[eventType],
    stateRank: RANK[eventType],
    stateEventType: eventType,
    stateTime: time,
  };
  const isStart = eventType === 'START' || eventType === 'RUNNING';
  if (!current) {
    return {
      ...candidate,
      startedAt: isStart ? time : undefined,
      endedAt: candidate.stateRank === 3 ? time : undefined,
      createdAt: time,
      updatedAt: time,
    };
  }
  let wins: boolean;
  if (candidate.stateRank !== current.stateRank) {
    wins = candidate.stateRank > current.stateRank;
  } else if (time.getTime() !== current.stateTime.getTime()) {
    wins = time.getTime() > current.stateTime.getTime();
  } else {
    wins =
      TERMINAL_PRIORITY[eventType] > TERMINAL_PRIORITY[current.stateEventType];
  }
  const winner = wins ? candidate : current;
  return {
    state: winner.state,
    stateRank: winner.stateRank,
    stateEventType: winner.stateEventType,
    stateTime: winner.stateTime,
    startedAt: isStart ? minDate(current.startedAt, time) : current.startedAt,
    endedAt: winner.stateRank === 3 ? winner.stateTime : undefined,
    createdAt: minDate(current.createdAt, time)!,
    updatedAt: maxDate(current.updatedAt, time)!,
  };
}

export function minDate(a: Date | undefined, b: Date | undefined) {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}

export function maxDate(a: Date | undefined, b: Date | undefined) {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() >= b.getTime() ? a : b;
}

/** Whether (time, key) comes after another in a total order. */
export function isLater(
  a: { time: Date; key: string },
  b: { time: Date; key: string },
): boolean {
  return a.time.getTime() !== b.time.getTime()
    ? a.time.getTime() > b.time.getTime()
    : a.key > b.key;
}
