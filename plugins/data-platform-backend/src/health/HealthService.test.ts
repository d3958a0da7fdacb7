import { DerivationBacklog } from '../eventlog/types';
import { HealthService } from './HealthService';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

async function derivationCheck(queue: Partial<DerivationBacklog>) {
  const health = await new HealthService({
    databaseClient: 'pg',
    ping: async () => {},
    derivationBacklog: async () => ({
      backlog: 0,
      replaying: 0,
      failed: 0,
      ...queue,
    }),
  }).getHealth();
  return {
    status: health.status,
    check: health.checks.find(c => c.name === 'derivation'),
  };
}

describe('the derivation health check', () => {
  it('reports events set aside without failing', async () => {
    expect(await derivationCheck({ failed: 3 })).toEqual({
      status: 'ok',
      check: {
        name: 'derivation',
        status: 'ok',
        message: expect.stringContaining(
          '3 set aside because their derivation failed',
        ),
      },
    });
  });

  it('fails while the oldest waiting event has waited for long', async () => {
    expect(
      await derivationCheck({
        backlog: 5,
        failed: 3,
        oldestQueuedAt: minutesAgo(11),
      }),
    ).toEqual({
      status: 'degraded',
      check: {
        name: 'derivation',
        status: 'failing',
        message: expect.stringMatching(/^Derivation is stuck: 5 events/),
      },
    });
  });

  it('fails when a replay stopped before it had queued the log', async () => {
    const replay = { startedAt: minutesAgo(5), clearing: true };
    expect(
      await derivationCheck({
        replay: { ...replay, heartbeatAt: minutesAgo(1) },
      }),
    ).toMatchObject({ status: 'ok' });
    expect(
      await derivationCheck({
        replay: { ...replay, heartbeatAt: minutesAgo(3) },
      }),
    ).toMatchObject({
      status: 'degraded',
      check: { message: expect.stringContaining('run it again') },
    });
  });
});
