import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { resolve } from 'node:path';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const directory = resolve(__dirname, '../../migrations');
const time = (iso: string) => new Date(iso);

describe.each(databases.eachSupportedId())(
  'migrations on %s',
  (databaseId: TestDatabaseId) => {
    it('keeps schema versions through the write-path upgrade, and back', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.up({
        directory,
        name: '20261126000000_ingestion_log.js',
      });
      await knex.migrate.up({ directory, name: '20261126010000_metadata.js' });
      await knex('endpoints').insert({
        id: 'e1',
        namespace: 'ns',
        name: 'table',
        schema_hash: 'new',
        schema_time: time('2026-01-03T00:00:00Z'),
        created_at: time('2026-01-01T00:00:00Z'),
        updated_at: time('2026-01-03T00:00:00Z'),
      });
      const version = (hash: string, first: string, last: string) => ({
        endpoint_id: 'e1',
        hash,
        fields: '[]',
        field_count: 0,
        first_seen_at: time(first),
        last_seen_at: time(last),
      });
      await knex('schema_versions').insert([
        version('old', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'),
        version('new', '2026-01-02T12:00:00Z', '2026-01-03T00:00:00Z'),
      ]);
      const lastSeen = async () =>
        Object.fromEntries(
          (await knex('schema_versions').orderBy('hash')).map(r => [
            r.hash,
            r.last_seen_at === null ? null : new Date(r.last_seen_at).getTime(),
          ]),
        );

      await knex.migrate.up({
        directory,
        name: '20261127000000_ingestion_write_path.js',
      });
      // The superseded version keeps its last sighting; the current one's
      // is the endpoint's schema_time from now on.
      expect(await lastSeen()).toEqual({
        new: null,
        old: time('2026-01-02T00:00:00Z').getTime(),
      });

      await knex.migrate.down({
        directory,
        name: '20261127000000_ingestion_write_path.js',
      });
      expect(await lastSeen()).toEqual({
        new: time('2026-01-03T00:00:00Z').getTime(),
        old: time('2026-01-02T00:00:00Z').getTime(),
      });
    });

    it('backfills lineage edges and current runs, and goes back', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.up({
        directory,
        name: '20261126000000_ingestion_log.js',
      });
      await knex.migrate.up({ directory, name: '20261126010000_metadata.js' });
      await knex.migrate.up({
        directory,
        name: '20261127000000_ingestion_write_path.js',
      });
      const created = time('2026-01-01T00:00:00Z');
      await knex('workflows').insert([
        {
          id: 'w1',
          namespace: 'ns',
          name: 'job',
          created_at: created,
          updated_at: created,
        },
        {
          id: 'w2',
          namespace: 'ns',
          name: 'declared',
          job_io_time: time('2026-01-05T00:00:00Z'),
          created_at: created,
          updated_at: created,
        },
      ]);
      const run = (id: string, state: string, start: string, end?: string) => ({
        run_id: id,
        workflow_id: 'w1',
        state,
        state_rank: 3,
        state_event_type: 'COMPLETE',
        state_time: time(end ?? start),
        started_at: time(start),
        ended_at: end ? time(end) : null,
        sort_time: time(start),
        created_at: created,
        updated_at: created,
      });
      await knex('runs').insert([
        run('r1', 'COMPLETED', '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z'),
        run('r2', 'COMPLETED', '2026-01-02T00:00:00Z', '2026-01-02T01:00:00Z'),
        run('r3', 'FAILED', '2026-01-03T00:00:00Z', '2026-01-03T01:00:00Z'),
      ]);
      const io = (runId: string, endpoint: string, direction: string) => ({
        run_id: runId,
        endpoint_id: endpoint,
        direction,
      });
      await knex('run_io').insert([
        io('r1', 'a', 'input'),
        io('r1', 'b', 'output'),
        io('r2', 'a', 'input'),
        io('r2', 'c', 'output'),
        io('r3', 'a', 'input'),
      ]);
      await knex('workflow_io').insert({
        workflow_id: 'w2',
        endpoint_id: 'c',
        direction: 'input',
      });

      await knex.migrate.up({ directory, name: '20261128000000_lineage.js' });
      const edges = (await knex('lineage_edges')).map(e => ({
        edge: `${e.workflow_id} ${e.direction} ${e.endpoint_id}`,
        first: new Date(e.first_seen_at).toISOString(),
        last: new Date(e.last_seen_at).toISOString(),
      }));
      expect(edges.sort((x, y) => x.edge.localeCompare(y.edge))).toEqual([
        {
          edge: 'w1 input a',
          first: '2026-01-01T00:00:00.000Z',
          last: '2026-01-03T01:00:00.000Z',
        },
        {
          edge: 'w1 output b',
          first: '2026-01-01T00:00:00.000Z',
          last: '2026-01-01T01:00:00.000Z',
        },
        {
          edge: 'w1 output c',
          first: '2026-01-02T00:00:00.000Z',
          last: '2026-01-02T01:00:00.000Z',
        },
        {
          edge: 'w2 input c',
          first: '2026-01-05T00:00:00.000Z',
          last: '2026-01-05T00:00:00.000Z',
        },
      ]);
      const w1 = await knex('workflows').where({ id: 'w1' }).first();
      expect(w1.current_run_id).toBe('r2');
      expect(new Date(w1.current_run_ended_at).toISOString()).toBe(
        '2026-01-02T01:00:00.000Z',
      );

      await knex.migrate.down({ directory, name: '20261128000000_lineage.js' });
      expect(await knex.schema.hasTable('lineage_edges')).toBe(false);
      expect(await knex.schema.hasColumn('workflows', 'current_run_id')).toBe(
        false,
      );
      expect(await knex('run_io')).toHaveLength(5);
    });

    it('backfills which lineage edges are current, indexes them, and goes back', async () => {
      const knex = await databases.init(databaseId);
      for (const name of [
        '20261126000000_ingestion_log.js',
        '20261126010000_metadata.js',
        '20261127000000_ingestion_write_path.js',
        '20261128000000_lineage.js',
      ]) {
        await knex.migrate.up({ directory, name });
      }
      const created = time('2026-01-01T00:00:00Z');
      const workflow = (id: string, jobIoTime?: string) => ({
        id,
        namespace: 'ns',
        name: id,
        job_io_time: jobIoTime ? time(jobIoTime) : null,
        current_run_id: id === 'w1' ? 'r2' : null,
        current_run_ended_at: id === 'w1' ? time('2026-01-02T01:00:00Z') : null,
        created_at: created,
        updated_at: created,
      });
      await knex('workflows').insert([
        // Declared before its current run: the run's IO is current.
        workflow('w1', '2026-01-01T12:00:00Z'),
        // Declared, no completed run: the declaration is current.
        workflow('w2', '2026-01-05T00:00:00Z'),
        // Neither: every edge is current.
        workflow('w3'),
      ]);
      await knex('run_io').insert([
        { run_id: 'r1', endpoint_id: 'a', direction: 'input' },
        { run_id: 'r1', endpoint_id: 'b', direction: 'output' },
        { run_id: 'r2', endpoint_id: 'a', direction: 'input' },
        { run_id: 'r2', endpoint_id: 'c', direction: 'output' },
      ]);
      await knex('workflow_io').insert([
        { workflow_id: 'w1', endpoint_id: 'b', direction: 'output' },
        { workflow_id: 'w2', endpoint_id: 'c', direction: 'input' },
      ]);
      const edge = (w: string, endpoint: string, direction: string) => ({
        workflow_id: w,
        endpoint_id: endpoint,
        direction,
        first_seen_at: created,
        last_seen_at: created,
      });
      await knex('lineage_edges').insert([
        edge('w1', 'a', 'input'),
        edge('w1', 'b', 'output'),
        edge('w1', 'c', 'output'),
        edge('w2', 'c', 'input'),
        edge('w2', 'd', 'input'),
        edge('w3', 'e', 'output'),
      ]);
      const indexes = async () => {
        const rows =
          databaseId === 'SQLITE_3'
            ? await knex('sqlite_master')
                .where({ type: 'index', tbl_name: 'lineage_edges' })
                .select('name')
            : await knex('pg_indexes')
                .where({ tablename: 'lineage_edges' })
                .select({ name: 'indexname' });
        return rows.map(r => r.name).filter(n => n.endsWith('_idx'));
      };

      await knex.migrate.up({
        directory,
        name: '20261128010000_lineage_current.js',
      });
      const flags = Object.fromEntries(
        (await knex('lineage_edges')).map(e => [
          `${e.workflow_id} ${e.direction} ${e.endpoint_id}`,
          Boolean(e.current),
        ]),
      );
      expect(flags).toEqual({
        'w1 input a': true,
        'w1 output b': false,
        'w1 output c': true,
        'w2 input c': true,
        'w2 input d': false,
        'w3 output e': true,
      });
      expect((await indexes()).sort()).toEqual([
        'lineage_edges_current_endpoint_idx',
        'lineage_edges_current_workflow_idx',
        'lineage_edges_endpoint_idx',
      ]);

      await knex.migrate.down({
        directory,
        name: '20261128010000_lineage_current.js',
      });
      expect(await knex.schema.hasColumn('lineage_edges', 'current')).toBe(
        false,
      );
      expect(await indexes()).toEqual(['lineage_edges_endpoint_idx']);
      expect(await knex('lineage_edges')).toHaveLength(6);
    });

    it('adds the derivation queue empty, and removes it without touching events', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.up({
        directory,
        name: '20261126000000_ingestion_log.js',
      });
      await knex('raw_events').insert({
        event_hash: 'e'.repeat(64),
        event_kind: 'run',
        payload: '{"eventType":"START"}',
      });
      await knex.migrate.latest({ directory });
      // Events kept before the queue existed were derived when they came.
      expect(await knex('derivation_queue')).toEqual([]);
      const [{ id }] = await knex('raw_events').select('id');
      await knex('derivation_queue').insert({
        raw_event_id: id,
        event_hash: 'e'.repeat(64),
        queued_at: new Date(),
      });

      await knex.migrate.down({
        directory,
        name: '20261129000000_derivation_queue.js',
      });
      expect(await knex.schema.hasTable('derivation_queue')).toBe(false);
      expect(await knex('raw_events').pluck('payload')).toEqual([
        '{"eventType":"START"}',
      ]);
    });

    it('records the source of every event, openlineage for those kept before, and goes back', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.up({
        directory,
        name: '20261126000000_ingestion_log.js',
      });
      await knex('raw_events').insert({
        event_hash: 'f'.repeat(64),
        event_kind: 'run',
        payload: '{"eventType":"START"}',
      });
      await knex('dead_letters').insert({ reason: 'no', payload: '[' });
      await knex.migrate.latest({ directory });
      expect(await knex('raw_events').pluck('source')).toEqual(['openlineage']);
      expect(await knex('dead_letters').pluck('source')).toEqual([
        'openlineage',
      ]);

      await knex.migrate.down({
        directory,
        name: '20261203170000_event_source.js',
      });
      expect(await knex.schema.hasColumn('raw_events', 'source')).toBe(false);
      expect(await knex.schema.hasColumn('dead_letters', 'source')).toBe(false);
      expect(await knex('raw_events').pluck('payload')).toEqual([
        '{"eventType":"START"}',
      ]);
    });

    it('orders stored runs by their start, and goes back', async () => {
      const knex = await databases.init(databaseId);
      for (const name of [
        '20261126000000_ingestion_log.js',
        '20261126010000_metadata.js',
        '20261127000000_ingestion_write_path.js',
        '20261128000000_lineage.js',
        '20261128010000_lineage_current.js',
        '20261129000000_derivation_queue.js',
        '20261203130000_derivation_replay.js',
      ]) {
        await knex.migrate.up({ directory, name });
      }
      const nominal = time('2026-11-30T04:00:00Z');
      const run = (id: string, started: string | null, created: string) => ({
        run_id: id,
        workflow_id: 'w1',
        state: 'COMPLETED',
        state_rank: 3,
        state_event_type: 'COMPLETE',
        state_time: time(created),
        started_at: started ? time(started) : null,
        nominal_start: nominal,
        sort_time: nominal,
        created_at: time(created),
        updated_at: time(created),
      });
      await knex('runs').insert([
        run('attempt', '2026-11-30T04:38:00Z', '2026-11-30T04:38:00Z'),
        run('retry', '2026-11-30T04:47:00Z', '2026-11-30T04:47:00Z'),
        run('no-start', null, '2026-11-30T05:20:00Z'),
      ]);
      const sortTimes = async () =>
        Object.fromEntries(
          (await knex('runs').select('run_id', 'sort_time')).map(r => [
            r.run_id,
            new Date(r.sort_time).toISOString(),
          ]),
        );

      await knex.migrate.up({
        directory,
        name: '20261203160000_runs_ordered_by_start.js',
      });
      expect(await sortTimes()).toEqual({
        attempt: '2026-11-30T04:38:00.000Z',
        retry: '2026-11-30T04:47:00.000Z',
        'no-start': '2026-11-30T05:20:00.000Z',
      });

      await knex.migrate.down({
        directory,
        name: '20261203160000_runs_ordered_by_start.js',
      });
      expect(Object.values(await sortTimes())).toEqual([
        nominal.toISOString(),
        nominal.toISOString(),
        nominal.toISOString(),
      ]);
    });

    it('indexes owners by lower(owner) for the owner filter, and goes back', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      const pg = databaseId.startsWith('POSTGRES');
      // What the planner picks for a full ref; on PostgreSQL, with sequential
      // scans off, as an empty table would otherwise be scanned.
      const plan = async (table: string, where: string) =>
        knex.transaction(async tx => {
          if (pg) await tx.raw('SET LOCAL enable_seqscan = off');
          const sql = `SELECT * FROM ${table} WHERE ${where}`;
          const result = await tx.raw(
            `${pg ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'} ${sql}`,
          );
          return JSON.stringify(pg ? result.rows : result);
        });
      for (const table of ['endpoints', 'workflows']) {
        expect(await plan(table, "lower(owner) = 'group:default/a'")).toContain(
          `${table}_owner_lower_idx`,
        );
      }

      await knex.migrate.down({
        directory,
        name: '20261203180000_owner_lower_index.js',
      });
      for (const table of ['endpoints', 'workflows']) {
        expect(await plan(table, "owner = 'group:default/a'")).toContain(
          `${table}_owner_idx`,
        );
      }
    });

    it('resolves stored owners by the rules that need no catalog, and goes back', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      const migration = '20261203191500_owner_resolution.js';
      await knex.migrate.down({ directory, name: migration });
      const owners: Record<string, string | null> = {
        ref: 'Group:Default/Ads',
        short: 'group:ads',
        user: 'user:default/ada',
        team: 'team:playlists',
        email: 'ada@example.com',
        masked: '***',
        bare: 'ads',
        none: null,
      };
      const now = new Date('2026-12-01T00:00:00Z');
      for (const table of ['endpoints', 'workflows']) {
        await knex(table).insert(
          Object.entries(owners).map(([name, owner]) => ({
            id: `${table}-${name}`,
            namespace: 'ns',
            name,
            owner,
            created_at: now,
            updated_at: now,
          })),
        );
      }

      await knex.migrate.up({ directory, name: migration });
      for (const table of ['endpoints', 'workflows']) {
        const rows = await knex(table).orderBy('name');
        expect(
          Object.fromEntries(
            rows.map(r => [r.name, [r.owner, r.owner_ref, r.owner_rule]]),
          ),
        ).toEqual({
          ref: ['Group:Default/Ads', 'group:default/ads', 'entity-ref'],
          short: ['group:ads', 'group:default/ads', 'entity-ref'],
          user: ['user:default/ada', 'user:default/ada', 'entity-ref'],
          team: ['team:playlists', 'group:default/playlists', 'team'],
          // The catalog reader resolves addresses once it has run.
          email: ['ada@example.com', null, 'unowned'],
          masked: ['***', null, 'unowned'],
          bare: ['ads', null, 'unowned'],
          none: [null, null, 'unowned'],
        });
      }
      expect(await knex('owner_directory')).toEqual([]);
      expect(await knex('declarations')).toEqual([]);

      await knex.migrate.down({ directory, name: migration });
      expect(await knex.schema.hasColumn('endpoints', 'owner_ref')).toBe(false);
      expect(await knex.schema.hasTable('declarations')).toBe(false);
      for (const table of ['endpoints', 'workflows']) {
        expect(Number((await knex(table).count({ n: '*' }))[0].n)).toBe(8);
      }
    });
  },
);

const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

describe.each(postgres)('migrations on %s', (databaseId: TestDatabaseId) => {
  it('compresses raw payloads with lz4', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory });
    const { rows } = await knex.raw(
      "SELECT attname, attcompression FROM pg_attribute WHERE attrelid IN ('raw_events'::regclass, 'dead_letters'::regclass) AND attname = 'payload'",
    );
    expect(rows.map((r: any) => r.attcompression)).toEqual(['l', 'l']);
  });
});
