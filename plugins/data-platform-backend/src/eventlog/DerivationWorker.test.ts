import { mockServices } from '@backstage/backend-test-utils';
import { Facts } from '../openlineage/facts';
import { DerivationWorker } from './DerivationWorker';
import { DerivationFailedError, DerivationQueue, FactSource } from './types';

const options = {
  batchSize: 10,
  busyBatchSize: 4,
  concurrency: 1,
  pollIntervalMs: 60_000,
  maxCachedEvents: 2,
  lingerMs: 0,
};

function storeWith(deriveQueued: DerivationQueue['deriveQueued']) {
  return {
    deriveQueued: jest.fn(deriveQueued),
    markDerivationFailed: jest.fn(async () => {}),
    getDerivationBacklog: jest.fn(async () => ({
      backlog: 0,
      replaying: 0,
      failed: 0,
    })),
  };
}

function workerOn(store: ReturnType<typeof storeWith>) {
  const logger = mockServices.logger.mock();
  const worker = new DerivationWorker(
    store as unknown as DerivationQueue,
    logger,
    () => {
      throw new Error('facts are not read in these tests');
    },
    options,
  );
  return { worker, logger };
}

async function run(store: ReturnType<typeof storeWith>) {
  const { worker, logger } = workerOn(store);
  worker.start();
  await worker.whenIdle();
  await worker.stop();
  return logger;
}

describe('DerivationWorker', () => {
  it('sets aside only the event whose facts fail, deriving the rest one by one', async () => {
    const store = storeWith(async claim => {
      if ('limit' in claim) {
        if (store.deriveQueued.mock.calls.length > 1) return [];
        throw new DerivationFailedError([1, 2, 3], new Error('bad facts'));
      }
      if (claim.ids[0] === 2) {
        throw new DerivationFailedError([2], new Error('bad facts'));
      }
      return [{ id: claim.ids[0], hash: `h${claim.ids[0]}` }];
    });
    const logger = await run(store);
    expect(store.deriveQueued.mock.calls.map(([claim]) => claim)).toEqual([
      { limit: 10 },
      { ids: [1] },
      { ids: [2] },
      { ids: [3] },
      { limit: 10 },
    ]);
    expect(store.markDerivationFailed).toHaveBeenCalledTimes(1);
    expect(store.markDerivationFailed).toHaveBeenCalledWith(2, 'bad facts');
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('raw event 2'),
    );
  });

  it('does not set events aside when transactions keep colliding', async () => {
    const deadlock = Object.assign(new Error('deadlock detected'), {
      code: '40P01',
    });
    const store = storeWith(async claim => {
      throw new DerivationFailedError(
        'ids' in claim ? claim.ids : [1, 2],
        deadlock,
      );
    });
    const logger = await run(store);
    // Three attempts, then the round ends; the poll tries again later.
    expect(store.deriveQueued).toHaveBeenCalledTimes(3);
    expect(store.markDerivationFailed).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalledWith(
      'Derivation stopped on an error',
      expect.any(DerivationFailedError),
    );
  });

  it('hands over the newest remembered events, at most the bound', async () => {
    const seen: (Facts | undefined)[] = [];
    const store = storeWith(async (_claim, source: FactSource) => {
      if (seen.length) return [];
      seen.push(...['a', 'b', 'c'].map(hash => source.cached(hash)));
      return [{ id: 1, hash: 'a' }];
    });
    const facts = (name: string) => ({ name } as unknown as Facts);
    const { worker } = workerOn(store);
    worker.remember(
      ['a', 'b', 'c'].map(hash => ({ hash, facts: () => facts(hash) })),
    );
    worker.start();
    await worker.whenIdle();
    await worker.stop();
    expect(seen).toEqual([undefined, facts('b'), facts('c')]);
  });

  it('keeps events a replay queued out of the backlog producers are held to', async () => {
    let waiting = [
      { id: 1, hash: 'h1', replayed: true },
      { id: 2, hash: 'h2', replayed: true },
      { id: 3, hash: 'h3', replayed: false },
    ];
    const store = storeWith(async claim => {
      const limit = 'limit' in claim ? claim.limit : claim.ids.length;
      const claimed = waiting.slice(0, Math.min(limit, 2));
      waiting = waiting.slice(claimed.length);
      return claimed;
    });
    store.getDerivationBacklog.mockResolvedValue({
      backlog: 3,
      replaying: 2,
      failed: 0,
    });
    const { worker } = workerOn(store);
    worker.queued(1);
    worker.requeued(2);
    expect(worker.backlog).toBe(1);
    worker.start();
    await worker.whenIdle();
    await worker.stop();
    expect(worker.backlog).toBe(0);
  });

  it('claims small batches while small requests come in and few events wait', async () => {
    const limits: number[] = [];
    const store = storeWith(async claim => {
      limits.push('limit' in claim ? claim.limit : -1);
      return [];
    });
    const { worker } = workerOn(store);
    // Large requests take as long as a full batch: full batches.
    worker.ingesting(4);
    worker.start();
    await worker.whenIdle();
    worker.ingesting(1);
    worker.queued(1);
    await worker.whenIdle();
    // Once small requests have stopped for a while: full batches.
    await new Promise(resolve => setTimeout(resolve, 250));
    worker.queued(1);
    await worker.whenIdle();
    // A backlog of a full batch or more: full batches, requests or not.
    worker.ingesting(1);
    worker.queued(10);
    await worker.whenIdle();
    await worker.stop();
    expect(limits).toEqual([10, 4, 10, 10]);
  });
});
