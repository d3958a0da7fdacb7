/**
 * A deterministic simulator of a pipeline runtime (teams, raw events,
 * hourly and daily workflows on BigQuery, Flink and Dataflow) that emits
 * OpenLineage 2-0-2 RunEvents the way a real runtime does, plus FOCUS cost
 * rows and the teams as catalog entities.
 *
 * @packageDocumentation
 */

export { generatePlatform, DEMO_PLATFORM } from './model/generatePlatform';
export { schemaAt, schemaVersions } from './model/schemaVersions';
export type { SchemaVersion } from './model/schemaVersions';
export type {
  ColumnSource,
  Endpoint,
  Engine,
  Field,
  Person,
  Platform,
  PlatformOptions,
  SchemaChange,
  Schedule,
  Team,
  Workflow,
} from './model/types';
export {
  attemptsInWindow,
  latestAttempts,
  simulatePartition,
  MAX_RUN_LAG_MS,
} from './runs/simulateRuns';
export type { RunAttempt } from './runs/simulateRuns';
export {
  RunEventBuilder,
  SIMULATOR_PRODUCER,
  ownerRef,
} from './openlineage/runEvents';
export { eventsBetween, snapshotEvents, windows } from './openlineage/history';
export type { Facet, LineageDataset, RunEvent } from './openlineage/types';
export { emptySinkStats, HttpBatchSink, NdjsonFileSink } from './emit/sinks';
export type { LineageSink, SinkStats } from './emit/sinks';
export { focusCosts, focusCsv } from './cost/focusCosts';
export type { FocusCostRow } from './cost/focusCosts';
export { orgEntities, orgYaml, SIMULATED_ORG } from './catalog/orgEntities';
export { runCli } from './cli/runCli';
