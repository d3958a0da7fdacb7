import { InputError } from '@backstage/errors';
import { Rng } from '../random/Rng';
import {
  ColumnSource,
  Endpoint,
  Engine,
  Field,
  Platform,
  PlatformOptions,
  SchemaChange,
  Team,
  Workflow,
} from './types';
import {
  ADDED_FIELDS,
  ASSERTIONS,
  EVENT_ACTIONS,
  EVENT_OBJECTS,
  FIRST_NAMES,
  LAST_NAMES,
  NOUNS,
  PAYLOAD_FIELDS,
  QUALIFIERS,
  TEAMS,
  VERBS,
  eventEnvelope,
} from './vocabulary';

const DAY = 86_400_000;

export const ENGINE_NAMES: Record<Engine, string> = {
  bigquery: 'BigQuery',
  dataflow: 'Dataflow',
  flink: 'Flink',
};

/** The demo's size, which `yarn start` seeds. */
export const DEMO_PLATFORM: Required<
  Pick<PlatformOptions, 'teams' | 'endpoints' | 'workflows'>
> = { teams: 12, endpoints: 300, workflows: 150 };

/**
 * Builds the platform for a seed: teams, raw event endpoints, and workflows
 * laid out in levels so that the graph is a DAG with the requested depth.
 * Each workflow reads from lower levels, always one input from the level
 * right below (which gives the depth), the rest skewed towards raw events
 * and early tables (the shared upstreams every real platform has).
 *
 * It runs in one pass over endpoints and edges, so 100k endpoints take
 * seconds, not minutes.
 */
export function generatePlatform(options: PlatformOptions = {}): Platform {
  const seed = options.seed ?? 42;
  const teamCount = options.teams ?? DEMO_PLATFORM.teams;
  const endpointCount = options.endpoints ?? DEMO_PLATFORM.endpoints;
  const workflowCount = options.workflows ?? DEMO_PLATFORM.workflows;
  const depth = Math.max(1, options.depth ?? 8);
  const hourlyShare = options.hourlyShare ?? 0.15;
  const historyDays = options.historyDays ?? 30;
  const historyStart =
    options.historyStart?.getTime() ??
    Math.floor(Date.now() / DAY) * DAY - historyDays * DAY;

  if (teamCount < 1 || workflowCount < 1) {
    throw new InputError('A platform needs at least one team and workflow');
  }
  if (endpointCount < workflowCount + 1) {
    throw new InputError(
      `${endpointCount} endpoints are too few for ${workflowCount} workflows: each workflow writes at least one, and raw events need one more`,
    );
  }
  const rawCount = Math.max(
    1,
    Math.min(endpointCount - workflowCount, Math.round(endpointCount * 0.25)),
  );
  const derivedCount = endpointCount - rawCount;
  const edgeCount = options.edges ?? derivedCount + workflowCount * 3;
  const inputCount = edgeCount - derivedCount;
  if (inputCount < workflowCount) {
    throw new InputError(
      `${edgeCount} edges are too few: every workflow needs at least one input besides its outputs (${derivedCount})`,
    );
  }

  const rng = Rng.for(seed, 'platform');
  const teams = makeTeams(rng, teamCount);
  // Names repeat a lot at scale (a few hundred word pairs for 100k
  // tables), so each base name counts its own suffixes instead of probing.
  const names = new Set<string>();
  const suffixes = new Map<string, number>();
  const unique = (name: string) => {
    let candidate = name;
    let n = suffixes.get(name) ?? 1;
    while (names.has(candidate)) candidate = `${name}_v${++n}`;
    suffixes.set(name, n);
    names.add(candidate);
    return candidate;
  };

  const endpoints: Endpoint[] = [];
  for (let i = 0; i < rawCount; i++) {
    endpoints.push(
      rawEndpoint(rng, i, teams, unique, historyStart, historyDays),
    );
  }

  // Levels: many shallow workflows, few deep ones, every level used.
  const levelOf = new Int32Array(workflowCount);
  const levelWeights = Array.from(
    { length: depth },
    (_, l) => [l + 1, 0.72 ** l] as const,
  );
  for (let w = 0; w < workflowCount; w++) {
    levelOf[w] = w < depth ? w + 1 : rng.weighted(levelWeights);
  }
  levelOf.sort();

  const outputsOf = new Int32Array(workflowCount).fill(1);
  for (let extra = derivedCount - workflowCount; extra > 0; extra--) {
    outputsOf[rng.int(0, workflowCount - 1)]++;
  }
  // Fan-in is skewed: most workflows read two or three endpoints, a few
  // join a dozen.
  const inputWeights = Array.from({ length: workflowCount }, () =>
    rng.logNormal(1, 0.7),
  );
  const weightSum = inputWeights.reduce((a, b) => a + b, 0);
  const inputsOf = inputWeights.map(
    w => 1 + Math.floor(((inputCount - workflowCount) * w) / weightSum),
  );
  let assigned = inputsOf.reduce((a, b) => a + b, 0);
  for (; assigned < inputCount; assigned++) {
    inputsOf[rng.int(0, workflowCount - 1)]++;
  }

  const workflows: Workflow[] = [];
  // Endpoints ordered by level; levelEnd[l] = how many have level <= l.
  const levelEnd: number[] = [rawCount];
  let currentLevel = 1;
  let unreadRaw = 0;
  const closeLevel = () => {
    levelEnd[currentLevel] = endpoints.length;
  };

  for (let w = 0; w < workflowCount; w++) {
    while (levelOf[w] > currentLevel) {
      closeLevel();
      currentLevel++;
    }
    const level = levelOf[w];
    const available = levelEnd[level - 1];
    const belowStart = level >= 2 ? levelEnd[level - 2] : 0;
    const inputs = new Set<number>();
    inputs.add(rng.int(belowStart, available - 1));
    const wanted = Math.min(inputsOf[w], available);
    for (let tries = 0; inputs.size < wanted && tries < wanted * 4; tries++) {
      let pick: number;
      if (unreadRaw < rawCount && rng.chance(0.3)) {
        // Every client event type has a reader somewhere, as on a real
        // platform: nobody delivers events that nothing consumes.
        pick = unreadRaw++;
      } else if (rng.chance(0.35)) {
        // Cubing skews picks towards the start: raw events, early tables.
        pick = Math.floor(available * rng.next() ** 3);
      } else {
        pick = rng.int(0, available - 1);
      }
      inputs.add(pick);
    }

    const team = rng.pick(teams).name;
    const engine: Engine = rng.weighted([
      ['bigquery', 0.55],
      ['dataflow', 0.3],
      ['flink', 0.15],
    ] as const);
    const schedule = rng.chance(engine === 'flink' ? 0.6 : hourlyShare)
      ? 'hourly'
      : 'daily';
    const noun = rng.pick(NOUNS);
    const verb = rng.pick(VERBS);
    const inputList = [...inputs].sort((a, b) => a - b);
    const workflow: Workflow = {
      index: w,
      namespace: team,
      name: unique(`${verb}_${noun}_${rng.pick(QUALIFIERS)}`),
      owner: team,
      description: '',
      engine,
      schedule,
      startOffsetMinutes: rng.int(1, schedule === 'hourly' ? 20 : 180),
      medianDurationSeconds: Math.round(
        schedule === 'hourly'
          ? rng.logNormal(engine === 'flink' ? 420 : 240, 0.5)
          : rng.logNormal(engine === 'dataflow' ? 1500 : 900, 0.6),
      ),
      failureRate: rng.chance(0.06)
        ? 0.15 + rng.next() * 0.15
        : Math.min(0.1, rng.logNormal(0.015, 0.8)),
      inputs: inputList,
      outputs: [],
      level,
    };
    workflow.description = `${thirdPerson(verb)} ${noun} ${schedule} from ${
      inputList.length
    } input${inputList.length === 1 ? '' : 's'} on ${ENGINE_NAMES[engine]}.`;

    const lineage: Record<number, ColumnSource[]> = {};
    for (let o = 0; o < outputsOf[w]; o++) {
      const endpoint = derivedEndpoint(
        rng,
        endpoints,
        workflow,
        noun,
        unique,
        historyStart,
        historyDays,
      );
      lineage[endpoint.endpoint.index] = endpoint.sources;
      endpoints.push(endpoint.endpoint);
      workflow.outputs.push(endpoint.endpoint.index);
    }
    if (engine === 'bigquery') {
      workflow.columnLineage = lineage;
      workflow.sql = renderSql(workflow, endpoints, lineage);
    }
    workflows.push(workflow);
  }
  closeLevel();

  const edges = workflows.reduce(
    (sum, w) => sum + w.inputs.length + w.outputs.length,
    0,
  );
  return { seed, teams, endpoints, workflows, edges };
}

/** "Aggregates", "Enriches": how a description starts. */
function thirdPerson(verb: string) {
  return capitalize(/(ch|sh|s|x)$/.test(verb) ? `${verb}es` : `${verb}s`);
}

function capitalize(word: string) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function makeTeams(rng: Rng, count: number): Team[] {
  const teams: Team[] = [];
  for (let i = 0; i < count; i++) {
    const [base, description] = TEAMS[i % TEAMS.length];
    const name =
      i < TEAMS.length ? base : `${base}-${Math.floor(i / TEAMS.length) + 1}`;
    const displayName = name.split('-').map(capitalize).join(' ');
    const members = Array.from({ length: rng.int(2, 5) }, (_, m) => {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      const handle = `${first}.${last}`.toLowerCase();
      return {
        name: `${handle}-${name}-${m}`.slice(0, 63),
        displayName: `${first} ${last}`,
        email: `${handle}@example.com`,
      };
    });
    teams.push({ name, displayName, description, members });
  }
  return teams;
}

function rawEndpoint(
  rng: Rng,
  index: number,
  teams: Team[],
  unique: (name: string) => string,
  historyStart: number,
  historyDays: number,
): Endpoint {
  const object = rng.pick(EVENT_OBJECTS);
  const action = rng.pick(EVENT_ACTIONS);
  const eventType = unique(`${object}${action}`);
  const payload = new Set<number>();
  const payloadSize = rng.int(3, 10);
  while (payload.size < payloadSize) {
    payload.add(rng.int(0, PAYLOAD_FIELDS.length - 1));
  }
  const fields = [
    ...eventEnvelope(),
    ...[...payload].sort((a, b) => a - b).map(p => PAYLOAD_FIELDS[p]),
  ];
  return {
    index,
    namespace: 'gs://sim-event-delivery',
    name: `events/${eventType}`,
    owner: rng.pick(teams).name,
    description: `Raw ${object} ${action.toLowerCase()} events as clients log them, delivered in hourly partitions.`,
    level: 0,
    storage: 'gcs',
    fields,
    evolution: evolve(rng, fields, historyStart, historyDays),
    rowsPerPartition: Math.round(rng.logNormal(2_000_000, 1)),
    bytesPerRow: rng.int(200, 900),
    assertions: assertionsFor(rng, fields),
  };
}

function derivedEndpoint(
  rng: Rng,
  endpoints: Endpoint[],
  workflow: Workflow,
  noun: string,
  unique: (name: string) => string,
  historyStart: number,
  historyDays: number,
): { endpoint: Endpoint; sources: ColumnSource[] } {
  const team = workflow.owner;
  const table = unique(`${noun}_${rng.pick(QUALIFIERS)}`);
  const toGcs = workflow.engine === 'dataflow' && rng.chance(0.5);
  const { fields, sources } = deriveColumns(rng, endpoints, workflow);
  const grain = workflow.schedule === 'hourly' ? 'hourly' : 'daily';
  return {
    sources,
    endpoint: {
      index: endpoints.length,
      namespace: toGcs ? `gs://sim-${team}` : 'bigquery',
      name: toGcs
        ? `${table}/${grain}`
        : `sim-${team}.${team.replace(/-/g, '_')}.${table}`,
      owner: team,
      description: `${capitalize(noun)} ${grain}, written by ${
        workflow.namespace
      }/${workflow.name}.`,
      level: workflow.level,
      producer: workflow.index,
      storage: toGcs ? 'gcs' : 'bigquery',
      fields,
      evolution: evolve(rng, fields, historyStart, historyDays),
      rowsPerPartition: Math.round(rng.logNormal(200_000, 1.2)),
      bytesPerRow: rng.int(40, 400),
      assertions: assertionsFor(rng, fields),
    },
  };
}

/**
 * An output's columns and where each comes from: a few dimensions copied
 * from the inputs, a count, and aggregates over numeric input columns.
 */
function deriveColumns(
  rng: Rng,
  endpoints: Endpoint[],
  workflow: Workflow,
): { fields: Field[]; sources: ColumnSource[] } {
  const fields: Field[] = [];
  const sources: ColumnSource[] = [];
  const taken = new Set<string>();
  const add = (field: Field, source: Omit<ColumnSource, 'field'>) => {
    if (taken.has(field.name)) return;
    taken.add(field.name);
    fields.push(field);
    sources.push({ field: field.name, ...source });
  };
  const main = workflow.inputs[0];
  add(
    {
      name:
        workflow.schedule === 'hourly' ? 'partition_hour' : 'partition_date',
      type: workflow.schedule === 'hourly' ? 'TIMESTAMP' : 'DATE',
      description: 'The partition the row belongs to.',
    },
    { inputs: [], transformation: 'TRANSFORMATION' },
  );
  for (const input of workflow.inputs.slice(0, 3)) {
    const candidates = leaves(endpoints[input].fields);
    const dimensions = candidates.filter(c => c.field.type === 'STRING');
    for (let d = rng.int(1, 3); d > 0 && dimensions.length; d--) {
      const pick = rng.pick(dimensions);
      add(
        { ...pick.field, name: pick.path.replace(/\./g, '_') },
        {
          inputs: [{ endpoint: input, field: pick.path }],
          transformation: 'IDENTITY',
        },
      );
    }
    const numeric = candidates.filter(c =>
      ['INTEGER', 'NUMERIC', 'FLOAT'].includes(c.field.type),
    );
    if (numeric.length && rng.chance(0.7)) {
      const pick = rng.pick(numeric);
      const agg = rng.pick(['sum', 'avg', 'max']);
      add(
        {
          // max_sum_plays, not sum_max_sum_plays, two levels down.
          name: `${agg}_${pick.path
            .replace(/\./g, '_')
            .replace(/^((sum|avg|max)_)+/, '')}`,
          type: agg === 'avg' ? 'FLOAT' : pick.field.type,
        },
        {
          inputs: [{ endpoint: input, field: pick.path }],
          transformation: 'AGGREGATION',
        },
      );
    }
  }
  const keys = leaves(endpoints[main].fields);
  add(
    {
      name: 'row_count',
      type: 'INTEGER',
      description: 'Input rows aggregated into this row.',
    },
    {
      inputs: [{ endpoint: main, field: keys[0].path }],
      transformation: 'AGGREGATION',
    },
  );
  return { fields, sources };
}

function leaves(
  fields: Field[],
  prefix = '',
): { path: string; field: Field }[] {
  return fields.flatMap(f =>
    f.fields
      ? leaves(f.fields, `${prefix}${f.name}.`)
      : [{ path: `${prefix}${f.name}`, field: f }],
  );
}

/**
 * One in five endpoints changes during the history; most changes add a
 * column, about one in five retypes or drops one, which breaks readers.
 */
function evolve(
  rng: Rng,
  fields: Field[],
  historyStart: number,
  historyDays: number,
): SchemaChange[] {
  if (!rng.chance(0.2) || historyDays < 2) return [];
  const changes: SchemaChange[] = [];
  let day = 0;
  for (let c = rng.int(1, 2); c > 0; c--) {
    day = rng.int(day + 1, Math.max(day + 1, historyDays - 1));
    const at = historyStart + day * DAY + rng.int(0, 23) * 3_600_000;
    const top = fields.filter(f => !f.fields && f.name !== 'event_id');
    if (rng.chance(0.8) || top.length === 0) {
      changes.push({ at, kind: 'add', field: rng.pick(ADDED_FIELDS) });
    } else if (rng.chance(0.5)) {
      const victim = rng.pick(top);
      const type = victim.type === 'STRING' ? 'INTEGER' : 'STRING';
      changes.push({ at, kind: 'retype', name: victim.name, type });
    } else {
      changes.push({ at, kind: 'drop', name: rng.pick(top).name });
    }
  }
  return changes;
}

function assertionsFor(rng: Rng, fields: Field[]): Endpoint['assertions'] {
  const count = rng.int(0, 3);
  const result: Endpoint['assertions'] = [];
  for (let a = 0; a < count; a++) {
    const assertion = ASSERTIONS[(a + rng.int(0, 3)) % ASSERTIONS.length];
    const column =
      assertion === 'not_null' || assertion === 'unique'
        ? rng.pick(fields.filter(f => !f.fields)).name
        : undefined;
    if (result.some(r => r.assertion === assertion && r.column === column)) {
      continue;
    }
    result.push({ assertion, column, flaky: rng.chance(0.1) });
  }
  return result;
}

function renderSql(
  workflow: Workflow,
  endpoints: Endpoint[],
  lineage: Record<number, ColumnSource[]>,
): string {
  const alias = (input: number) => `t${workflow.inputs.indexOf(input)}`;
  const table = (e: Endpoint) =>
    e.namespace === 'bigquery'
      ? `\`${e.name}\``
      : `EXTERNAL_QUERY('${e.namespace}/${e.name}')`;
  return workflow.outputs
    .map(output => {
      const select = lineage[output]
        .map(s => {
          const from = s.inputs[0];
          if (!from) return `  @partition AS ${s.field}`;
          const column = `${alias(from.endpoint)}.${from.field}`;
          if (s.field === 'row_count') return `  COUNT(*) AS row_count`;
          if (s.transformation === 'AGGREGATION') {
            return `  ${s.field.split('_')[0].toUpperCase()}(${column}) AS ${
              s.field
            }`;
          }
          return `  ${column} AS ${s.field}`;
        })
        .join(',\n');
      const [first, ...rest] = workflow.inputs;
      const joins = rest
        .map(i => `JOIN ${table(endpoints[i])} ${alias(i)} USING (user_id)`)
        .join('\n');
      const groupBy = lineage[output]
        .filter(s => s.transformation !== 'AGGREGATION')
        .map(s => s.field)
        .join(', ');
      return [
        `INSERT INTO ${table(endpoints[output])}`,
        `SELECT\n${select}`,
        `FROM ${table(endpoints[first])} ${alias(first)}`,
        joins,
        `WHERE ${alias(first)}._PARTITIONTIME = @partition`,
        groupBy ? `GROUP BY ${groupBy}` : '',
      ]
        .filter(Boolean)
        .join('\n');
    })
    .join(';\n\n');
}
