import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Server } from 'node:http';
import { entityId } from '../openlineage/ids';
import { runEvent } from '../__testUtils__/events';
import {
  getAsUser,
  ingestBatch,
  startService,
} from '../__testUtils__/testService';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const job = { namespace: 'airflow', name: 'plays.hourly_rollup' };
const output = { namespace: 'bigquery', name: 'analytics.hourly_plays' };
const workflowId = entityId('workflow', job.namespace, job.name);
const endpointId = entityId('endpoint', output.namespace, output.name);

/**
 * The shape found in use: an Airflow task whose first attempt failed
 * (04:38–04:41) and whose retry succeeded (04:47–05:15). Both attempts
 * carry the same nominal time, as Airflow retries do, and the failed
 * attempt's run id sorts after the retry's, so ordering by nominal time
 * and then run id called the failed attempt the latest.
 */
const failedAttempt = 'ffffffff-0000-7000-8000-000000000001';
const retry = '00000000-0000-7000-8000-000000000002';
const nominalTime = {
  nominalTime: {
    _producer: 'https://github.com/apache/airflow',
    _schemaURL:
      'https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json',
    nominalStartTime: '2026-11-30T04:00:00Z',
    nominalEndTime: '2026-11-30T05:00:00Z',
  },
};
const attempt = (runId: string, type: string, eventTime: string) =>
  runEvent({
    eventType: type,
    eventTime,
    runId,
    job,
    outputs: [output],
    runFacets: nominalTime,
  });
const events = [
  attempt(failedAttempt, 'START', '2026-11-30T04:38:00Z'),
  attempt(failedAttempt, 'FAIL', '2026-11-30T04:41:00Z'),
  attempt(retry, 'START', '2026-11-30T04:47:00Z'),
  attempt(retry, 'COMPLETE', '2026-11-30T05:15:00Z'),
];

describe.each(databases.eachSupportedId())(
  'the latest run is the one that started last, on %p',
  (databaseId: TestDatabaseId) => {
    let server: Server;

    beforeAll(async () => {
      server = await startService(await databases.init(databaseId));
      const res = await ingestBatch(server, events);
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    });

    it('in the workflow list, the workflow and the runs table', async () => {
      const list = await getAsUser(server, 'workflows').expect(200);
      const summary = list.body.items.find((w: any) => w.id === workflowId);
      expect(summary.latestRun).toMatchObject({ id: retry });
      expect(summary.latestRun.state).toBe('COMPLETED');

      const detail = await getAsUser(server, `workflows/${workflowId}`);
      expect(detail.body.latestRun).toMatchObject({
        id: retry,
        state: 'COMPLETED',
      });

      const runs = await getAsUser(server, `workflows/${workflowId}/runs`);
      expect(runs.body.items.map((r: any) => r.id)).toEqual([
        retry,
        failedAttempt,
      ]);
    });

    it('in the lineage graph', async () => {
      const res = await getAsUser(server, `lineage?id=${endpointId}`);
      expect(res.status).toBe(200);
      const node = (id: string) => res.body.nodes.find((n: any) => n.id === id);
      expect(node(workflowId).status).toBe('ok');
      expect(node(endpointId).status).toBe('ok');
    });

    it('whatever order the attempts arrive in', async () => {
      const other = await startService(await databases.init(databaseId));
      await ingestBatch(other, [...events].reverse());
      const detail = await getAsUser(other, `workflows/${workflowId}`);
      expect(detail.body.latestRun).toMatchObject({ id: retry });
    });
  },
);
