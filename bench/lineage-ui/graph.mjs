// @ts-check
// A generated lineage graph as OpenLineage run events: a layered platform
// where every node is downstream of one root endpoint, so that one lineage
// request (downstream, depth = layers) answers with all of it.

const PRODUCER = 'https://github.com/data-platform/bench/lineage-ui';
const SCHEMA_URL =
  'https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/RunEvent';

/**
 * Endpoints per layer (layer 0 is the root) and workflows per hop; each
 * workflow of hop i reads one or two endpoints of layer i and writes
 * endpoints of layer i + 1, round robin, so every endpoint has a producer.
 *
 * @param {{ endpoints: number[], workflows: number[], prefix: string }} shape
 */
export function layeredPlatform(shape) {
  const { endpoints, workflows, prefix } = shape;
  if (endpoints.length !== workflows.length + 1) {
    throw new Error('one more endpoint layer than workflow layers');
  }
  const endpointName = (/** @type {number} */ layer, /** @type {number} */ i) =>
    `${prefix}.l${layer}_t${i}`;
  /** @type {{ name: string, inputs: string[], outputs: string[] }[]} */
  const jobs = [];
  for (let hop = 0; hop < workflows.length; hop++) {
    const count = workflows[hop];
    const readable = endpoints[hop];
    const writable = endpoints[hop + 1];
    for (let w = 0; w < count; w++) {
      const inputs = new Set([endpointName(hop, w % readable)]);
      if (readable > 1) inputs.add(endpointName(hop, (w * 7 + 3) % readable));
      const outputs = [];
      for (let e = w; e < writable; e += count) {
        outputs.push(endpointName(hop + 1, e));
      }
      jobs.push({
        name: `${prefix}_hop${hop}_w${w}`,
        inputs: [...inputs],
        outputs,
      });
    }
  }
  const nodes =
    endpoints.reduce((a, b) => a + b, 0) + workflows.reduce((a, b) => a + b, 0);
  return { root: endpointName(0, 0), jobs, nodes, depth: workflows.length };
}

/**
 * One COMPLETE run event per workflow, with its inputs and outputs.
 *
 * @param {ReturnType<typeof layeredPlatform>} platform
 * @param {{ namespace: string, jobNamespace: string, time: Date }} where
 */
export function platformEvents(platform, where) {
  return platform.jobs.map((job, i) => ({
    eventType: 'COMPLETE',
    eventTime: new Date(where.time.getTime() + i * 1000).toISOString(),
    producer: PRODUCER,
    schemaURL: SCHEMA_URL,
    run: { runId: crypto.randomUUID() },
    job: { namespace: where.jobNamespace, name: job.name },
    inputs: job.inputs.map(name => ({ namespace: where.namespace, name })),
    outputs: job.outputs.map(name => ({ namespace: where.namespace, name })),
  }));
}
