import { WriteCoalescer } from './WriteCoalescer';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

// Lets every pending promise callback run.
const settle = () => new Promise(resolve => setImmediate(resolve));

describe('WriteCoalescer', () => {
  it('writes a lone request at once', async () => {
    const writes: number[][] = [];
    const coalescer = new WriteCoalescer<number>(
      async items => {
        writes.push(items);
      },
      { maxItems: 10, maxConcurrency: 1 },
    );
    await coalescer.add([1, 2]);
    expect(writes).toEqual([[1, 2]]);
  });

  it('combines requests that arrive while a write is in flight', async () => {
    const writes: number[][] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    const coalescer = new WriteCoalescer<number>(
      items => {
        writes.push(items);
        const gate = deferred();
        gates.push(gate);
        return gate.promise;
      },
      { maxItems: 3, maxConcurrency: 1 },
    );
    const first = coalescer.add([1]);
    const rest = [[2], [3, 4], [5], [6, 7, 8, 9, 10]].map(i =>
      coalescer.add(i),
    );
    expect(writes).toEqual([[1]]);
    gates[0].resolve();
    await first;
    await settle();
    // [2] and [3, 4] fit under maxItems together; [5] waits for the next.
    expect(writes).toEqual([[1], [2, 3, 4]]);
    gates[1].resolve();
    await settle();
    expect(writes[2]).toEqual([5]);
    gates[2].resolve();
    await settle();
    // A request larger than maxItems still goes whole.
    expect(writes[3]).toEqual([6, 7, 8, 9, 10]);
    gates[3].resolve();
    await Promise.all(rest);
  });

  it('retries requests one by one when a combined write fails', async () => {
    const writes: number[][] = [];
    const gate = deferred();
    const coalescer = new WriteCoalescer<number>(
      async items => {
        writes.push(items);
        if (items[0] === 0) await gate.promise;
        if (items.includes(13)) throw new Error('bad row 13');
      },
      { maxItems: 10, maxConcurrency: 1 },
    );
    const blocker = coalescer.add([0]);
    const good = coalescer.add([1, 2]);
    const bad = coalescer.add([13]);
    const alsoGood = coalescer.add([3]);
    gate.resolve();
    await blocker;
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow('bad row 13');
    await expect(alsoGood).resolves.toBeUndefined();
    expect(writes).toEqual([[0], [1, 2, 13, 3], [1, 2], [13], [3]]);
  });
});
