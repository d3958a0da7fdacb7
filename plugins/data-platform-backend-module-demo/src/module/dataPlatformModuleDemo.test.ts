import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
// The real service, so that the demo's events go through its validation.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import dataPlatformPlugin from '@data-platform/plugin-data-platform-backend';
import { DataPlatformClient } from '@data-platform/plugin-data-platform-common';
import { AddressInfo } from 'node:net';
import { dataPlatformModuleDemo, DEMO_TASK_ID } from './dataPlatformModuleDemo';

jest.setTimeout(120_000);

describe('dataPlatformModuleDemo', () => {
  it('seeds the real service over HTTP with its service token', async () => {
    let port = 0;
    const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
    const discovery = {
      getBaseUrl: async (id: string) => `http://localhost:${port}/api/${id}`,
      getExternalBaseUrl: async (id: string) =>
        `http://localhost:${port}/api/${id}`,
    };
    const logger = mockServices.logger.mock();
    const { server } = await startTestBackend({
      features: [
        dataPlatformPlugin,
        dataPlatformModuleDemo,
        mockServices.rootConfig.factory({
          data: {
            dataPlatform: {
              demo: {
                enabled: true,
                teams: 3,
                endpoints: 40,
                workflows: 20,
                historyDays: 1,
              },
            },
          },
        }),
        mockServices.discovery.mock(discovery).factory,
        mockServices.scheduler.mock({
          scheduleTask: async task => {
            tasks.push(task);
          },
        }).factory,
        mockServices.logger.mock(logger).factory,
      ],
    });
    port = (server.address() as AddressInfo).port;

    // Nothing is sent while the backend starts; the scheduler does it.
    expect(tasks.map(t => t.id)).toContain(DEMO_TASK_ID);
    const client = new DataPlatformClient({ discoveryApi: discovery });
    const token = mockCredentials.user.token();
    await expect(client.getOverview({ token })).resolves.toMatchObject({
      counts: { workflows: 0 },
    });

    // The service answers once events are queued and derives them just
    // after; what the demo sent is counted once the queue is empty.
    const derived = async () => {
      while ((await client.getDerivationStatus({ token })).backlog > 0) {
        await new Promise(resolve => setTimeout(resolve, 20));
      }
    };

    await tasks
      .find(t => t.id === DEMO_TASK_ID)!
      .fn(new AbortController().signal);
    await derived();
    const overview = await client.getOverview({ token });
    expect(overview.counts.workflows).toBe(20);
    expect(overview.counts.endpoints).toBeGreaterThan(20);
    expect(overview.counts.runs).toBeGreaterThan(20);
    expect(overview.ingestion.rejectedEvents).toBe(0);
    expect(logger.warn).not.toHaveBeenCalled();

    const { items } = await client.listEndpoints({ limit: 100 }, { token });
    expect(items.map(e => e.owner)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^group:default\//)]),
    );

    // The next tick finds the service seeded and only goes on from there.
    const accepted = overview.ingestion.acceptedEvents;
    await tasks
      .find(t => t.id === DEMO_TASK_ID)!
      .fn(new AbortController().signal);
    await derived();
    const after = await client.getOverview({ token });
    expect(after.counts.workflows).toBe(20);
    expect(after.ingestion.acceptedEvents).toBeLessThan(accepted * 1.2);
  });
});
