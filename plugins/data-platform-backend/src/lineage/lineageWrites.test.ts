import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import { entityId } from '../openlineage/ids';
import { runEvent } from '../__testUtils__/events';
import {
  derived,
  ingestBatch,
  startService,
  stopServicesAfterEachTest,
} from '../__testUtils__/testService';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
stopServicesAfterEachTest();

const job = { namespace: 'etl', name: 'mover' };
const other = { namespace: 'etl', name: 'other' };
const ds = (name: string) => ({ namespace: 'warehouse', name });
const at = (minute: number) =>
  `2026-11-20T10:${String(minute).padStart(2, '0')}:00Z`;
const ms = (v: unknown) =>
  v === null || v === undefined ? null : new Date(v as any).getTime();

const runId = (n: number) =>
  `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * One workflow's history: runs that change what it reads, a failed run,
 * a run that completed and then failed (a later terminal event wins), two
 * runs ending at the same instant (the larger run id is current), and a
 * JobEvent between runs; plus another workflow sharing an output.
 */
function history() {
  const event = (
    n: number,
    eventType: string,
    minute: number,
    inputs: string[],
    j = job,
  ) =>
    runEvent({
      eventType,
      eventTime: at(minute),
      runId: runId(n),
      job: j,
      inputs: inputs.map(ds),
      outputs: [ds('x')],
    });
  return [
    event(1, 'START', 1, ['a']),
    event(1, 'COMPLETE', 2, ['a']),
    {
      eventTime: at(3),
      producer: 'https://example.com/dbt',
      schemaURL:
        'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent',
      job,
      inputs: [ds('declared')],
      outputs: [ds('x')],
    },
    event(2, 'START', 4, ['b']),
    event(2, 'COMPLETE', 5, ['b']),
    event(3, 'START', 6, ['c']),
    event(3, 'FAIL', 7, ['c']),
    event(4, 'START', 8, ['d']),
    event(4, 'COMPLETE', 9, ['d']),
    event(4, 'FAIL', 20, ['d']),
    event(5, 'START', 10, ['e']),
    event(5, 'COMPLETE', 15, ['e']),
    event(6, 'START', 11, ['f']),
    event(6, 'COMPLETE', 15, ['f']),
    event(7, 'START', 12, ['a'], other),
    event(7, 'COMPLETE', 13, ['a'], other),
  ];
}

/**
 * The history plus the cases that move which edges are current: a JobEvent
 * newer than the current run (and an older declaration it replaces), the
 * current run's inputs arriving after its COMPLETE, workflows with only a
 * running or failed run (every edge current), and a current run that
 * fails late (its runner-up becomes current).
 */
function flagHistory() {
  const event = (
    n: number,
    name: string,
    eventType: string,
    minute: number,
    inputs: string[],
    outputs: string[],
  ) =>
    runEvent({
      eventType,
      eventTime: at(minute),
      runId: runId(n),
      job: { namespace: 'etl', name },
      inputs: inputs.map(ds),
      outputs: outputs.map(ds),
    });
  const jobEvent = (name: string, minute: number, inputs: string[]) => ({
    eventTime: at(minute),
    producer: 'https://example.com/dbt',
    schemaURL:
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent',
    job: { namespace: 'etl', name },
    inputs: inputs.map(ds),
    outputs: [ds('declared_out')],
  });
  return [
    ...history(),
    event(11, 'declarer', 'START', 1, ['a'], ['z']),
    event(11, 'declarer', 'COMPLETE', 2, ['a'], ['z']),
    jobEvent('declarer', 25, ['g']),
    jobEvent('declarer', 30, ['h']),
    event(8, 'late', 'RUNNING', 21, ['g'], ['y']),
    event(8, 'late', 'COMPLETE', 22, [], ['y']),
    event(9, 'pending', 'START', 23, ['k'], ['w']),
    event(10, 'pending', 'FAIL', 24, ['l'], ['w']),
    event(12, 'flaky', 'START', 1, ['m'], ['v']),
    event(12, 'flaky', 'COMPLETE', 2, ['m'], ['v']),
    event(13, 'flaky', 'START', 3, ['n'], ['v']),
    event(13, 'flaky', 'COMPLETE', 4, ['n'], ['v']),
    event(13, 'flaky', 'FAIL', 26, ['n'], ['v']),
  ];
}

/**
 * The current flag every edge should have, recomputed from scratch: the
 * current run from the runs themselves (latest COMPLETED by end time, ties
 * by run id), then the JobEvent's declaration if newer, else that run's
 * inputs and outputs, else every edge.
 */
async function expectedFlags(knex: Knex): Promise<Record<string, boolean>> {
  const latest = new Map<string, { id: string; ended: number }>();
  for (const run of await knex('runs').where({ state: 'COMPLETED' })) {
    const ended = ms(run.ended_at);
    if (ended === null) continue;
    const best = latest.get(run.workflow_id);
    if (
      !best ||
      ended > best.ended ||
      (ended === best.ended && run.run_id > best.id)
    ) {
      latest.set(run.workflow_id, { id: run.run_id, ended });
    }
  }
  const declaredAt = new Map<string, number | null>(
    (await knex('workflows').select('id', 'job_io_time')).map(w => [
      w.id,
      ms(w.job_io_time),
    ]),
  );
  const key = (...parts: string[]) => parts.join(' ');
  const declared = new Set(
    (await knex('workflow_io')).map(r =>
      key(r.workflow_id, r.endpoint_id, r.direction),
    ),
  );
  const ran = new Set(
    (await knex('run_io')).map(r => key(r.run_id, r.endpoint_id, r.direction)),
  );
  const out: Record<string, boolean> = {};
  for (const e of await knex('lineage_edges')) {
    const declaration = declaredAt.get(e.workflow_id) ?? null;
    const run = latest.get(e.workflow_id);
    let current = true;
    if (declaration !== null && (!run || declaration > run.ended)) {
      current = declared.has(key(e.workflow_id, e.endpoint_id, e.direction));
    } else if (run) {
      current = ran.has(key(run.id, e.endpoint_id, e.direction));
    }
    out[key(e.workflow_id, e.endpoint_id, e.direction)] = current;
  }
  return out;
}

async function storedFlags(knex: Knex): Promise<Record<string, boolean>> {
  return Object.fromEntries(
    (await knex('lineage_edges')).map(e => [
      `${e.workflow_id} ${e.endpoint_id} ${e.direction}`,
      Boolean(e.current),
    ]),
  );
}

/** A deterministic shuffle, so a failure can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

async function lineageState(knex: Knex) {
  const edges = await knex('lineage_edges').orderBy([
    'workflow_id',
    'endpoint_id',
    'direction',
  ]);
  const workflows = await knex('workflows')
    .orderBy('id')
    .select('id', 'current_run_id', 'current_run_ended_at', 'job_io_time');
  return {
    edges: edges.map(e => ({
      ...e,
      current: Boolean(e.current),
      first_seen_at: ms(e.first_seen_at),
      last_seen_at: ms(e.last_seen_at),
    })),
    workflows: workflows.map(w => ({
      ...w,
      current_run_ended_at: ms(w.current_run_ended_at),
      job_io_time: ms(w.job_io_time),
    })),
  };
}

async function deliver(
  server: Server,
  groups: unknown[][],
  afterEach?: () => Promise<void>,
) {
  for (const group of groups) {
    const res = await ingestBatch(server, group);
    expect(res.status).toBe(200);
    await afterEach?.();
  }
}

describe.each(databases.eachSupportedId())(
  'lineage writes on %s',
  databaseId => {
    it('converge to the same edges and current run in any order and batching', async () => {
      const events = history();
      const deliveries = [
        [events],
        events.map(e => [e]),
        [...events].reverse().map(e => [e]),
        batches(shuffled(events, 7), 3),
        batches(shuffled(events, 42), 5),
        // Redelivery: everything twice, the second time in another order.
        [...batches(shuffled(events, 3), 4), ...batches(events, 6)],
      ];
      const states = [];
      for (const groups of deliveries) {
        const knex = await databases.init(databaseId);
        const server = await startService(knex);
        await deliver(server, groups);
        states.push(await lineageState(knex));
      }
      for (const state of states.slice(1)) expect(state).toEqual(states[0]);

      const { edges, workflows } = states[0];
      const mover = entityId('workflow', job.namespace, job.name);
      const edge = (workflow: string, endpoint: string, direction: string) =>
        edges.find(
          e =>
            e.workflow_id === workflow &&
            e.endpoint_id === entityId('endpoint', 'warehouse', endpoint) &&
            e.direction === direction,
        );
      expect(edge(mover, 'a', 'input')).toMatchObject({
        first_seen_at: ms(at(1)),
        last_seen_at: ms(at(2)),
      });
      expect(edge(mover, 'declared', 'input')).toMatchObject({
        first_seen_at: ms(at(3)),
        last_seen_at: ms(at(3)),
      });
      expect(edge(mover, 'd', 'input')).toMatchObject({
        first_seen_at: ms(at(8)),
        last_seen_at: ms(at(20)),
      });
      expect(edge(mover, 'x', 'output')).toMatchObject({
        first_seen_at: ms(at(1)),
        last_seen_at: ms(at(20)),
      });
      expect(edges).toHaveLength(10);
      expect(workflows.find(w => w.id === mover)).toMatchObject({
        current_run_id: runId(6),
        current_run_ended_at: ms(at(15)),
      });
      expect(
        workflows.find(
          w => w.id === entityId('workflow', other.namespace, other.name),
        ),
      ).toMatchObject({ current_run_id: runId(7) });
    });

    it('falls back to the runner-up when the current run fails late', async () => {
      const events = history().filter(
        e =>
          !('run' in e) || ![runId(5), runId(6)].includes((e as any).run.runId),
      );
      const knex = await databases.init(databaseId);
      const server = await startService(knex);
      const late = events.filter(
        e => (e as any).eventType === 'FAIL' && (e as any).eventTime === at(20),
      );
      await deliver(server, [events.filter(e => !late.includes(e))]);
      const mover = entityId('workflow', job.namespace, job.name);
      const before = await knex('workflows').where({ id: mover }).first();
      expect(before.current_run_id).toBe(runId(4));
      await deliver(server, [late]);
      const after = await knex('workflows').where({ id: mover }).first();
      expect(after.current_run_id).toBe(runId(2));
      expect(ms(after.current_run_ended_at)).toBe(ms(at(5)));
      const flags = await storedFlags(knex);
      const moverEdge = (name: string) =>
        flags[`${mover} ${entityId('endpoint', 'warehouse', name)} input`];
      expect([moverEdge('b'), moverEdge('d')]).toEqual([true, false]);
      expect(flags).toEqual(await expectedFlags(knex));
    });

    it('keeps the current flags equal to the rule after every batch, in any order', async () => {
      const events = flagHistory();
      const deliveries = [
        [events],
        events.map(e => [e]),
        [...events].reverse().map(e => [e]),
        batches(shuffled(events, 7), 3),
        batches(shuffled(events, 42), 5),
        batches(shuffled(events, 5), 2),
        [...batches(shuffled(events, 3), 4), ...batches(events, 6)],
      ];
      const finals = [];
      for (const groups of deliveries) {
        const knex = await databases.init(databaseId);
        const server = await startService(knex);
        await deliver(server, groups, async () => {
          expect(await storedFlags(knex)).toEqual(await expectedFlags(knex));
        });
        finals.push(await storedFlags(knex));
      }
      for (const flags of finals.slice(1)) expect(flags).toEqual(finals[0]);

      const flags = finals[0];
      const edge = (workflow: string, endpoint: string, direction: string) =>
        flags[
          `${entityId('workflow', 'etl', workflow)} ${entityId(
            'endpoint',
            'warehouse',
            endpoint,
          )} ${direction}`
        ];
      // A later completed run dropped a: only f (run 6, ties by run id).
      expect([
        edge('mover', 'a', 'input'),
        edge('mover', 'f', 'input'),
      ]).toEqual([false, true]);
      // The newer JobEvent replaced the older declaration and the run.
      expect(
        ['a', 'g', 'h'].map(name => edge('declarer', name, 'input')),
      ).toEqual([false, false, true]);
      // The current run's input that arrived before its COMPLETE counts.
      expect(edge('late', 'g', 'input')).toBe(true);
      // Only a running and a failed run: every edge.
      expect([
        edge('pending', 'k', 'input'),
        edge('pending', 'l', 'input'),
      ]).toEqual([true, true]);
      // The current run failed late: the runner-up's edges.
      expect([
        edge('flaky', 'm', 'input'),
        edge('flaky', 'n', 'input'),
      ]).toEqual([true, false]);
    });

    it('rebuilds the edges and current runs on replay', async () => {
      const knex = await databases.init(databaseId);
      const server = await startService(knex);
      await deliver(server, batches(shuffled(flagHistory(), 11), 4));
      const before = await lineageState(knex);
      expect(before.edges.some(e => e.current)).toBe(true);
      expect(before.edges.some(e => !e.current)).toBe(true);
      await knex('lineage_edges').delete();
      await knex('workflows').update({ current_run_id: null });
      const res = await request(server)
        .post('/api/data-platform/v1/admin/replay')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(202);
      await derived(server);
      expect(await lineageState(knex)).toEqual(before);
      expect(await storedFlags(knex)).toEqual(await expectedFlags(knex));
    });
  },
);
