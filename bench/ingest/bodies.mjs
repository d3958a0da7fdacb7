// @ts-check
// The request bodies of a phase, serialized before its timed window starts.
// Generating and serializing events costs the load generator about half of
// its CPU per event, and on two cores that CPU is taken from the service or
// the database; what a phase measures is the service, so the window should
// only hold the HTTP exchange.
//
// Bodies are kept as Buffers (outside the V8 heap, and written to the socket
// without another UTF-8 encoding) up to a memory budget. A phase larger than
// the budget (the 1M-event memory run) gets the rest generated during the
// window, one body at a time between the senders' I/O and at most `ahead`
// events in advance; the CPU that costs is measured and reported, so the
// client's figure can be read with and without it.

/** @typedef {ReturnType<import('./generator.mjs').createGenerator>} Generator */

/** CPU seconds of this thread: the producer runs on it, between requests. */
const threadCpu = () => {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * @param {{
 *   gen: Generator,
 *   count: number,
 *   size: number,
 *   array: boolean,
 *   budgetBytes: number,
 *   ahead: number,
 * }} o events in all, events per body, whether a body is a JSON array of
 *   events (the batch endpoint's) or one event, bytes that may be
 *   serialized before the window, and events to keep ready during it
 *   beyond the budget
 */
export function prepareBodies(o) {
  const bodyCount = Math.ceil(o.count / o.size);
  /** @type {(Buffer | undefined)[]} */
  const bodies = [];
  /** Events of body i. */
  const eventsOf = (/** @type {number} */ i) =>
    Math.min(o.size, o.count - i * o.size);
  let largest = 0;
  const produce = () => {
    const events = o.gen.take(eventsOf(bodies.length));
    const body = Buffer.from(o.array ? `[${events.join(',')}]` : events[0]);
    largest = Math.max(largest, body.length);
    bodies.push(body);
    return body.length;
  };

  let bytes = 0;
  while (bodies.length < bodyCount && bytes < o.budgetBytes) bytes += produce();
  const preserialized = Math.min(o.count, bodies.length * o.size);

  let next = 0;
  let windowCpu = 0;
  let stopped = false;
  // The producer sleeps while `ahead` events are ready, and senders sleep
  // while none is.
  /** @type {(() => void) | undefined} */
  let wakeProducer;
  /** @type {(() => void)[]} */
  let waiting = [];

  async function producer() {
    while (bodies.length < bodyCount && !stopped) {
      const readyEvents = (bodies.length - next) * o.size;
      if (readyEvents >= o.ahead) {
        await new Promise(resolve => {
          wakeProducer = () => resolve(undefined);
        });
        wakeProducer = undefined;
        continue;
      }
      const cpu0 = threadCpu();
      produce();
      windowCpu += threadCpu() - cpu0;
      for (const wake of waiting) wake();
      waiting = [];
      // One body at a time, so that responses arriving meanwhile are read.
      await new Promise(resolve => setImmediate(resolve));
    }
  }

  return {
    /** Events serialized before the window. */
    preserialized,
    /** Bytes held before the window. */
    preserializedBytes: bytes,
    /**
     * Starts producing what did not fit the budget, while the senders run.
     * Call when the window starts.
     */
    start() {
      if (bodies.length < bodyCount) producer();
    },
    /** Stops producing (the phase ended early). */
    stop() {
      stopped = true;
      wakeProducer?.();
      for (const wake of waiting) wake();
      waiting = [];
    },
    /**
     * The next body and how many events it holds, or undefined when every
     * body was taken. Released once taken: a phase holds at most the budget
     * plus `ahead` events.
     *
     * @returns {Promise<{ body: Buffer, events: number } | undefined>}
     */
    async take() {
      while (next < bodyCount && next >= bodies.length && !stopped) {
        await new Promise(resolve => waiting.push(() => resolve(undefined)));
      }
      if (next >= bodies.length) return undefined;
      const i = next++;
      const body = /** @type {Buffer} */ (bodies[i]);
      bodies[i] = undefined;
      wakeProducer?.();
      return { body, events: eventsOf(i) };
    },
    /** Bodies not taken yet. */
    get remaining() {
      return bodyCount - next;
    },
    /** The largest body, in bytes. */
    get largest() {
      return largest;
    },
    /** CPU seconds spent generating bodies after start(). */
    get windowCpuSeconds() {
      return windowCpu;
    },
  };
}
