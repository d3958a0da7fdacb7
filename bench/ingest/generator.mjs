// @ts-check
// A deterministic stream of realistic OpenLineage RunEvents: many hourly
// workflows, each run a START and (usually) a COMPLETE with about two inputs
// and three outputs carrying schema facets. Inputs are mostly other
// workflows' outputs or a few hot shared tables, so endpoints are shared
// between workflows (fan-in and fan-out) the way a real platform's are.
//
// The stream is built from pre-serialized JSON fragments rather than
// JSON.stringify per event: on a 2-core machine the load generator shares
// the CPU with the service and the database, so it must stay cheap.

/**
 * A small, fast, seedable PRNG (mulberry32); Math.random is not seedable.
 *
 * @param {number} seed
 */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3's finalizer: spreads the bits of an integer. @param {number} h */
function fmix(h) {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const hex = (/** @type {number} */ n, /** @type {number} */ width) =>
  n.toString(16).padStart(8, '0').slice(-width);

/**
 * A run id that looks like a v4 UUID and is unique per (seed, workflow,
 * hour, salt), so reruns of the benchmark send byte-identical events.
 *
 * @param {number} seed @param {number} workflow @param {number} hour
 * @param {number} salt
 */
function uuid(seed, workflow, hour, salt) {
  const w = [1, 2, 3, 4].map(k =>
    fmix(
      seed ^ fmix(workflow * 7919 + k) ^ fmix(hour * 104729 + salt * 31 + k),
    ),
  );
  return (
    `${hex(w[0], 8)}-${hex(w[1] >>> 16, 4)}-4${hex(w[1], 3)}-` +
    `${(8 + (w[2] >>> 30)).toString(16)}${hex(w[2], 3)}-${hex(w[3], 8)}${hex(
      w[2] >>> 12,
      4,
    )}`
  );
}

const DOMAINS = [
  'ads',
  'payments',
  'music',
  'podcast',
  'search',
  'growth',
  'finance',
  'content',
  'users',
  'infra',
  'ml',
  'marketing',
];
const NOUNS = [
  'plays',
  'sessions',
  'streams',
  'impressions',
  'clicks',
  'orders',
  'subscriptions',
  'tracks',
  'episodes',
  'searches',
  'installs',
  'invoices',
  'payouts',
  'features',
  'recommendations',
  'devices',
];
const GRAINS = ['daily', 'hourly', 'agg', 'enriched', 'dedup', 'snapshot'];
const FIELD_NAMES = [
  'user_id',
  'event_ts',
  'event_date',
  'country',
  'platform',
  'track_id',
  'episode_id',
  'session_id',
  'device_type',
  'app_version',
  'ms_played',
  'revenue_usd',
  'currency',
  'campaign_id',
  'is_premium',
  'product',
  'market',
  'partner_id',
  'artist_id',
  'album_id',
  'playlist_id',
  'context_uri',
  'reason_start',
  'reason_end',
  'shuffle',
  'offline',
  'ip_country',
  'os',
  'os_version',
  'locale',
  'ingested_at',
  'partition_hour',
  'row_hash',
  'score',
  'rank',
];
const TYPES = [
  'STRING',
  'STRING',
  'STRING',
  'INT64',
  'INT64',
  'FLOAT64',
  'TIMESTAMP',
  'DATE',
  'BOOLEAN',
  'NUMERIC',
];
const JOB_NAMESPACES = [
  { namespace: 'airflow-prod', integration: 'AIRFLOW', producer: 'airflow' },
  { namespace: 'composer-eu', integration: 'AIRFLOW', producer: 'airflow' },
  { namespace: 'spark-batch', integration: 'SPARK', producer: 'spark' },
  { namespace: 'dbt-analytics', integration: 'DBT', producer: 'dbt' },
];
const PRODUCERS = {
  airflow:
    'https://github.com/apache/airflow/tree/providers-openlineage/1.14.0',
  spark:
    'https://github.com/OpenLineage/OpenLineage/tree/1.24.0/integration/spark',
  dbt: 'https://github.com/OpenLineage/OpenLineage/tree/1.24.0/integration/dbt',
};
const SPEC = 'https://openlineage.io/spec';
const facetUrl = (/** @type {string} */ file, /** @type {string} */ version) =>
  `${SPEC}/facets/${version}/${file}.json#/$defs/${file}`;

/**
 * @typedef {{ name: string, type: string, description?: string, fields?: any[] }} Field
 * @typedef {{
 *   namespace: string, name: string, fields: Field[], evolveHour: number,
 *   output: boolean, owner?: string, description?: string,
 *   cache?: { version: number, input: string, outputHead: string }
 * }} Endpoint
 * @typedef {{
 *   namespace: string, name: string, producer: string, job: string,
 *   parent?: { namespace: string, name: string },
 *   inputs: number[], outputs: number[], offset: number, duration: number
 * }} Workflow
 */

/**
 * @param {{ seed?: number, workflows?: number, start?: string }} [options]
 */
export function createGenerator(options = {}) {
  const seed = options.seed ?? 42;
  const workflowCount = options.workflows ?? 2000;
  const start = Date.parse(options.start ?? '2026-01-05T00:00:00Z');
  const rand = prng(seed);
  const pick = (/** @type {any[]} */ list) =>
    list[Math.floor(rand() * list.length)];
  const between = (/** @type {number} */ lo, /** @type {number} */ hi) =>
    lo + Math.floor(rand() * (hi - lo + 1));

  /** @returns {Field[]} */
  function makeFields() {
    const count = between(10, 30);
    const names = [...FIELD_NAMES].sort(() => rand() - 0.5);
    /** @type {Field[]} */
    const fields = [];
    for (let i = 0; i < count; i++) {
      const name = names[i] ?? `attr_${i}`;
      /** @type {Field} */
      const field =
        rand() < 0.08
          ? {
              name,
              type: 'RECORD',
              fields: Array.from({ length: between(2, 4) }, (_, k) => ({
                name: `${pick(FIELD_NAMES)}_${k}`,
                type: pick(TYPES),
              })),
            }
          : { name, type: pick(TYPES) };
      if (rand() < 0.5) field.description = `The ${name.replace(/_/g, ' ')}`;
      fields.push(field);
    }
    return fields;
  }

  /** @type {Endpoint[]} */
  const endpoints = [];
  /** @param {string} namespace @param {string} name @param {boolean} output */
  function addEndpoint(namespace, name, output) {
    endpoints.push({
      namespace,
      name,
      output,
      fields: makeFields(),
      // A minority of tables gain a column at some point: a new schema
      // version, as real platforms see every day.
      evolveHour: rand() < 0.15 ? between(1, 48) : Infinity,
      owner: output && rand() < 0.4 ? `team-${pick(DOMAINS)}` : undefined,
      description:
        output && rand() < 0.3
          ? `Curated ${name.split('.').pop()} for reporting`
          : undefined,
    });
    return endpoints.length - 1;
  }

  // Sources no workflow writes: raw buckets and operational databases.
  const sources = [];
  for (let i = 0; i < Math.max(20, Math.round(workflowCount / 10)); i++) {
    const domain = DOMAINS[i % DOMAINS.length];
    sources.push(
      i % 3 === 2
        ? addEndpoint(
            `postgres://${domain}-db.internal:5432`,
            `${domain}.public.${NOUNS[i % NOUNS.length]}_${i}`,
            false,
          )
        : addEndpoint(
            `gs://acme-raw-${domain}`,
            `events/${NOUNS[i % NOUNS.length]}/v${1 + (i % 3)}/${i}`,
            false,
          ),
    );
  }

  /** @type {Workflow[]} */
  const workflows = [];
  /** @type {number[]} */
  const hot = [];
  for (let i = 0; i < workflowCount; i++) {
    const domain = pick(DOMAINS);
    const noun = pick(NOUNS);
    const kind = pick(JOB_NAMESPACES);
    const outputs = Array.from({ length: pick([2, 3, 3, 4]) }, (_, k) =>
      addEndpoint(
        'bigquery',
        `acme-${domain}-prod.${noun}.${noun}_${pick(GRAINS)}_${i}_${k}`,
        true,
      ),
    );
    // The first outputs become the hot, widely read tables (dimensions).
    if (hot.length < 50) hot.push(outputs[0]);
    const inputs = new Set();
    const inputCount = pick([1, 2, 2, 3]);
    while (inputs.size < inputCount) {
      const r = rand();
      if (r < 0.15 && hot.length > 1) inputs.add(pick(hot));
      else if (r < 0.4 || i === 0) inputs.add(pick(sources));
      else {
        const upstream = workflows[Math.floor(rand() * workflows.length)];
        inputs.add(pick(upstream.outputs));
      }
    }
    const dag = `${domain}_${noun}_${Math.floor(i / 4)}`;
    workflows.push({
      namespace: kind.namespace,
      name:
        kind.integration === 'AIRFLOW'
          ? `${dag}.task_${i % 4}`
          : `${domain}.${noun}_job_${i}`,
      producer:
        PRODUCERS[/** @type {keyof typeof PRODUCERS} */ (kind.producer)],
      job: '',
      parent:
        kind.integration === 'AIRFLOW'
          ? { namespace: kind.namespace, name: dag }
          : undefined,
      inputs: [...inputs],
      outputs,
      offset: between(0, 600),
      duration: between(60, 1800),
    });
    const w = workflows[i];
    const producer = w.producer;
    /** @type {Record<string, any>} */
    const jobFacets = {
      jobType: {
        _producer: producer,
        _schemaURL: facetUrl('JobTypeJobFacet', '2-0-3'),
        processingType: 'BATCH',
        integration: kind.integration,
        jobType: kind.integration === 'DBT' ? 'MODEL' : 'TASK',
      },
    };
    if (rand() < 0.5) {
      jobFacets.ownership = {
        _producer: producer,
        _schemaURL: facetUrl('OwnershipJobFacet', '1-0-1'),
        owners: [{ name: `team-${domain}`, type: 'TEAM' }],
      };
    }
    if (rand() < 0.3) {
      jobFacets.documentation = {
        _producer: producer,
        _schemaURL: facetUrl('DocumentationJobFacet', '1-0-1'),
        description: `Builds the ${domain} ${noun} tables every hour`,
      };
    }
    if (rand() < 0.3) {
      jobFacets.sql = {
        _producer: producer,
        _schemaURL: facetUrl('SQLJobFacet', '1-0-1'),
        query: `INSERT INTO ${endpoints[outputs[0]].name} SELECT ${endpoints[
          outputs[0]
        ].fields
          .slice(0, 8)
          .map(f => f.name)
          .join(', ')} FROM ${
          endpoints[w.inputs[0]].name
        } WHERE _PARTITIONTIME = @hour`,
      };
    }
    w.job = JSON.stringify({
      namespace: w.namespace,
      name: w.name,
      facets: jobFacets,
    });
  }

  /**
   * The dataset as it appears in an event at `hour`; fragments are cached
   * until the table's schema evolves.
   *
   * @param {number} index @param {number} hour
   */
  function fragments(index, hour) {
    const e = endpoints[index];
    const version = hour >= e.evolveHour ? 1 : 0;
    if (e.cache?.version === version) return e.cache;
    const fields = version
      ? [...e.fields, { name: 'added_later', type: 'STRING' }]
      : e.fields;
    const producer = PRODUCERS.airflow;
    /** @type {Record<string, any>} */
    const facets = {
      schema: {
        _producer: producer,
        _schemaURL: facetUrl('SchemaDatasetFacet', '1-1-1'),
        fields,
      },
      dataSource: {
        _producer: producer,
        _schemaURL: facetUrl('DatasourceDatasetFacet', '1-0-1'),
        name: e.namespace,
        uri: e.namespace.includes('://')
          ? e.namespace
          : `${e.namespace}://${e.name.split('.')[0]}`,
      },
    };
    if (e.namespace.startsWith('gs://')) {
      facets.storage = {
        _producer: producer,
        _schemaURL: facetUrl('StorageDatasetFacet', '1-0-1'),
        storageLayer: 'gcs',
        fileFormat: 'parquet',
      };
    }
    const input = JSON.stringify({
      namespace: e.namespace,
      name: e.name,
      facets,
    });
    if (e.owner) {
      facets.ownership = {
        _producer: producer,
        _schemaURL: facetUrl('OwnershipDatasetFacet', '1-0-1'),
        owners: [{ name: e.owner, type: 'TEAM' }],
      };
    }
    if (e.description) {
      facets.documentation = {
        _producer: producer,
        _schemaURL: facetUrl('DocumentationDatasetFacet', '1-0-1'),
        description: e.description,
      };
    }
    const output = JSON.stringify({
      namespace: e.namespace,
      name: e.name,
      facets,
    });
    e.cache = {
      version,
      input,
      outputHead: `${output.slice(
        0,
        -1,
      )},"outputFacets":{"outputStatistics":{"_producer":${JSON.stringify(
        producer,
      )},"_schemaURL":${JSON.stringify(
        facetUrl('OutputStatisticsOutputDatasetFacet', '1-0-2'),
      )},"rowCount":`,
    };
    return e.cache;
  }

  const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();
  const runEventUrl = `${SPEC}/2-0-2/OpenLineage.json#/$defs/RunEvent`;
  const nominalUrl = JSON.stringify(facetUrl('NominalTimeRunFacet', '1-0-1'));
  const parentUrl = JSON.stringify(facetUrl('ParentRunFacet', '1-1-0'));
  const errorUrl = JSON.stringify(facetUrl('ErrorMessageRunFacet', '1-0-1'));
  const engineFacet = JSON.stringify({
    _producer: PRODUCERS.airflow,
    _schemaURL: facetUrl('ProcessingEngineRunFacet', '1-1-1'),
    version: '2.10.3',
    name: 'Airflow',
    openlineageAdapterVersion: '1.14.0',
  });

  /**
   * @param {number} wf @param {number} hour
   * @param {'START' | 'COMPLETE' | 'FAIL'} type @param {number} time
   */
  function event(wf, hour, type, time) {
    const w = workflows[wf];
    const hourStart = start + hour * 3_600_000;
    let runFacets =
      `"nominalTime":{"_producer":"${w.producer}","_schemaURL":${nominalUrl},` +
      `"nominalStartTime":"${iso(hourStart)}","nominalEndTime":"${iso(
        hourStart + 3_600_000,
      )}"},"processing_engine":${engineFacet}`;
    if (w.parent) {
      runFacets += `,"parent":{"_producer":"${
        w.producer
      }","_schemaURL":${parentUrl},"run":{"runId":"${uuid(
        seed,
        wf >> 2,
        hour,
        1,
      )}"},"job":{"namespace":"${w.parent.namespace}","name":"${
        w.parent.name
      }"}}`;
    }
    if (type === 'FAIL') {
      runFacets += `,"errorMessage":{"_producer":"${w.producer}","_schemaURL":${errorUrl},"message":"Query exceeded resource limits","programmingLanguage":"python"}`;
    }
    let io = '"inputs":[],"outputs":[]';
    if (type !== 'START') {
      const inputs = w.inputs.map(i => fragments(i, hour).input).join(',');
      const outputs = w.outputs
        .map(o => {
          const rows = between(1_000, 50_000_000);
          const head = fragments(o, hour).outputHead;
          return type === 'FAIL'
            ? `${head.slice(0, head.indexOf(',"outputFacets"'))}}`
            : `${head}${rows},"size":${rows * between(40, 400)}}}}`;
        })
        .join(',');
      io = `"inputs":[${inputs}],"outputs":[${outputs}]`;
    }
    return `{"eventType":"${type}","eventTime":"${iso(time)}","producer":"${
      w.producer
    }","schemaURL":"${runEventUrl}","run":{"runId":"${uuid(
      seed,
      wf,
      hour,
      0,
    )}","facets":{${runFacets}}},"job":${w.job},${io}}`;
  }

  // Every workflow runs once an hour; an hour's events are emitted in event
  // time order, so a run's START and COMPLETE land in different batches and
  // the top of the hour is a burst of STARTs, as in production.
  let hour = 0;
  /** @type {{ time: number, wf: number, type: 'START' | 'COMPLETE' | 'FAIL' }[]} */
  let pending = [];
  let cursor = 0;
  let emitted = 0;
  let bytes = 0;
  function refill() {
    const hourStart = start + hour * 3_600_000;
    pending = [];
    workflows.forEach((w, wf) => {
      const begin =
        hourStart + (w.offset + between(0, 30)) * 1000 + between(0, 999);
      const end = begin + Math.round(w.duration * (0.8 + rand() * 0.4) * 1000);
      pending.push({ time: begin, wf, type: 'START' });
      pending.push({
        time: end,
        wf,
        type: rand() < 0.02 ? 'FAIL' : 'COMPLETE',
      });
    });
    pending.sort((a, b) => a.time - b.time || a.wf - b.wf);
    cursor = 0;
    hour++;
  }

  return {
    /** The next event, serialized. */
    next() {
      if (cursor >= pending.length) refill();
      const p = pending[cursor++];
      const text = event(p.wf, hour - 1, p.type, p.time);
      emitted++;
      bytes += text.length;
      return text;
    },
    /** @param {number} n */
    take(n) {
      return Array.from({ length: n }, () => this.next());
    },
    stats() {
      return {
        workflows: workflows.length,
        endpoints: endpoints.length,
        emitted,
        hours: hour,
        meanBytes: emitted ? Math.round(bytes / emitted) : 0,
      };
    },
  };
}
