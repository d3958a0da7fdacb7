import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OpenLineageValidator } from './OpenLineageValidator';

// The OpenLineage conformance corpus (fixtures/openlineage at the repository root).
const corpus = resolve(__dirname, '../../../../fixtures/openlineage');
const readJson = (...path: string[]) =>
  JSON.parse(readFileSync(join(corpus, ...path), 'utf8'));

const validator = new OpenLineageValidator();

function runEvent(overrides: Record<string, any> = {}) {
  return {
    eventType: 'COMPLETE',
    eventTime: '2026-11-25T10:00:00Z',
    producer: 'https://example.com/producer',
    schemaURL:
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: '0193f7a2-2f4c-7c5e-9a1b-3c4d5e6f7a8b' },
    job: { namespace: 'airflow', name: 'daily_plays.load' },
    inputs: [],
    outputs: [],
    ...overrides,
  };
}

describe('OpenLineageValidator', () => {
  describe('conformance corpus', () => {
    const eventFiles = [
      ['examples/client-python', 'serde_example_run_event.json'],
      ['examples/client-python', 'serde_example_dataset_event.json'],
      ['examples/client-python', 'serde_example_job_event.json'],
      ['examples/client-python', 'example_full_event.json'],
      ['examples/proxy-fluentd', 'event_full.json'],
      ['examples/proxy-fluentd', 'event_simple.json'],
      ['spec/tests', 'example_full_event.json'],
      ...readdirSync(join(corpus, 'scenarios/airflow/events')).map(f => [
        'scenarios/airflow/events',
        f,
      ]),
      ['scenarios/simple_run_event/events', 'simple_run_event.json'],
    ];

    it.each(eventFiles)('accepts %s/%s', (dir, file) => {
      const result = validator.validate(readJson(dir, file));
      expect(result).toMatchObject({ ok: true });
    });

    it('accepts every facet example, placed where the facet belongs', () => {
      const dirs = readdirSync(join(corpus, 'spec/tests')).filter(
        d => !d.endsWith('.json'),
      );
      const rejected: string[] = [];
      for (const dir of dirs) {
        for (const file of readdirSync(join(corpus, 'spec/tests', dir))) {
          const facets = readJson('spec/tests', dir, file);
          const event = placeFacets(dir, facets);
          const result = validator.validate(event);
          if (!result.ok) rejected.push(`${dir}/${file}: ${result.reason}`);
        }
      }
      expect(rejected).toEqual([]);
    });

    it.each([
      [
        'event_invalid_dataset_facet.json',
        '$.outputs[0].facets.ownership.owners[0].name',
      ],
      ['event_invalid_job_facet.json', '$.job.facets.ownership.owners[0].name'],
      [
        'event_invalid_output_dataset_facet.json',
        '$.outputs[0].outputFacets.outputStatistics.rowCount',
      ],
      ['event_invalid_run_facet.json', '$.run.facets.parent.run.runId'],
      ['event_no_run_id.json', '$.run.runId'],
    ])('rejects %s at %s', (file, jsonPath) => {
      const result = validator.validate(
        readJson('examples/proxy-fluentd', file),
      );
      expect(result).toMatchObject({ ok: false, jsonPath });
      expect(!result.ok && result.reason).toContain(jsonPath);
    });

    it('accepts dataQualityMetrics without columnMetrics leniently', () => {
      const result = validator.validate(
        readJson(
          'examples/proxy-fluentd',
          'event_invalid_input_dataset_facet.json',
        ),
      );
      expect(result).toMatchObject({ ok: true });
      expect(result.ok && result.notes).toContain(
        '$.inputs[0].inputFacets.dataQualityMetrics.columnMetrics was missing',
      );
    });
  });

  describe('lenient mode', () => {
    it('accepts a missing schemaURL and an eventTime without a zone', () => {
      const event: Record<string, any> = runEvent({
        eventTime: '2021-11-03T10:53:52.427343',
      });
      delete event.schemaURL;
      const result = validator.validate(event);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.event.eventTime).toBe('2021-11-03T10:53:52.427343Z');
      expect(result.notes).toEqual([
        '$.schemaURL was missing',
        '$.eventTime had no time zone; UTC assumed',
      ]);
      // The caller's object is left as sent, for the raw log.
      expect(event.eventTime).toBe('2021-11-03T10:53:52.427343');
    });

    it('moves quality facets found under facets to inputFacets', () => {
      const assertions = {
        _producer: 'p',
        _schemaURL: 's',
        assertions: [{ assertion: 'not_null', success: true, column: 'id' }],
      };
      const result = validator.validate(
        runEvent({
          inputs: [
            {
              namespace: 'bigquery',
              name: 'p.d.t',
              facets: { dataQualityAssertions: assertions },
            },
          ],
        }),
      );
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.event.inputs![0].inputFacets).toEqual({
        dataQualityAssertions: assertions,
      });
      expect(result.event.inputs![0].facets).toEqual({});
    });
  });

  describe('rejections', () => {
    it.each([
      ['an array', [1, 2], '$'],
      ['a string', 'text', '$'],
      ['an object that is no event', { eventType: 'START' }, '$'],
      [
        'a job without a name',
        runEvent({ job: { namespace: 'a' } }),
        '$.job.name',
      ],
      ['a run without a job', runEvent({ job: undefined }), '$.job'],
      ['no eventTime', runEvent({ eventTime: undefined }), '$.eventTime'],
      [
        'an unparseable eventTime',
        runEvent({ eventTime: 'yesterday' }),
        '$.eventTime',
      ],
      [
        'an unknown eventType',
        runEvent({ eventType: 'FINISHED' }),
        '$.eventType',
      ],
      [
        'an output without a name',
        runEvent({ outputs: [{ namespace: 'gs://b' }] }),
        '$.outputs[0].name',
      ],
      ['inputs that are no array', runEvent({ inputs: 'a' }), '$.inputs'],
      [
        'a dataset event without a namespace',
        {
          eventTime: '2026-11-25T10:00:00Z',
          producer: 'p',
          dataset: { name: 'x' },
        },
        '$.dataset.namespace',
      ],
    ])('rejects %s at %s', (_name, event, jsonPath) => {
      expect(validator.validate(event)).toMatchObject({ ok: false, jsonPath });
    });

    it.each([
      ['a job name', { job: { namespace: 'a', name: 42 } }, '$.job.name'],
      [
        'a job namespace',
        { job: { namespace: [], name: 'a' } },
        '$.job.namespace',
      ],
      ['a run id', { run: { runId: 7 } }, '$.run.runId'],
      ['an eventTime', { eventTime: 1700000000 }, '$.eventTime'],
      ['a producer', { producer: 42 }, '$.producer'],
      [
        'a facet _producer',
        {
          job: {
            namespace: 'a',
            name: 'b',
            facets: { sql: { _producer: 1, query: 'q' } },
          },
        },
        '$.job.facets.sql._producer',
      ],
      [
        'an input name',
        { inputs: [{ namespace: 'n', name: { v: 1 } }] },
        '$.inputs[0].name',
      ],
    ])(
      'says %s that is no string must be a string',
      (_what, overrides, jsonPath) => {
        expect(validator.validate(runEvent(overrides))).toEqual({
          ok: false,
          jsonPath,
          reason: `${jsonPath} must be a string`,
        });
      },
    );

    it.each([
      [
        'a blank job name',
        { job: { namespace: 'a', name: ' ' } },
        '$.job.name must not be empty',
      ],
      ['a null run id', { run: { runId: null } }, '$.run.runId is required'],
      ['a job that is a string', { job: 'a' }, '$.job must be an object'],
      ['a run that is an array', { run: [] }, '$.run must be an object'],
    ])('says what is wrong with %s', (_what, overrides, reason) => {
      expect(validator.validate(runEvent(overrides))).toMatchObject({
        ok: false,
        reason,
      });
    });
  });

  describe('facet leniency', () => {
    it('fills in _producer and _schemaURL before the core schema sees them', () => {
      const result = validator.validate(
        runEvent({
          run: {
            runId: '0193f7a2-2f4c-7c5e-9a1b-3c4d5e6f7a8b',
            facets: {
              nominalTime: { nominalStartTime: '2026-11-25T00:00:00Z' },
            },
          },
          inputs: [{ namespace: 'n', name: 'i', facets: { custom: {} } }],
        }),
      );
      expect(result).toMatchObject({
        ok: true,
        notes: [
          '$.run.facets.nominalTime._producer was missing',
          '$.run.facets.nominalTime._schemaURL was missing',
          '$.inputs[0].facets.custom._producer was missing',
          '$.inputs[0].facets.custom._schemaURL was missing',
        ],
      });
    });

    it('still checks a fixed-up facet against its own schema', () => {
      const result = validator.validate(
        runEvent({
          run: {
            runId: '0193f7a2-2f4c-7c5e-9a1b-3c4d5e6f7a8b',
            facets: { nominalTime: { nominalStartTime: 5 } },
          },
        }),
      );
      expect(result).toMatchObject({
        ok: false,
        jsonPath: '$.run.facets.nominalTime.nominalStartTime',
      });
    });

    it('quotes an unexpected key in the path it reports', () => {
      const result = validator.validate(
        runEvent({
          run: {
            runId: '0193f7a2-2f4c-7c5e-9a1b-3c4d5e6f7a8b',
            facets: {
              executionParameters: {
                _producer: 'p',
                _schemaURL: 's',
                parameters: [{ key: 'k', 'bad key\u0000': 1 }],
              },
            },
          },
        }),
      );
      expect(result).toEqual({
        ok: false,
        jsonPath:
          '$.run.facets.executionParameters.parameters[0]["bad key\ufffd"]',
        reason:
          '$.run.facets.executionParameters.parameters[0]["bad key\ufffd"] is not allowed here',
      });
    });
  });
});

const RUN_FACETS = /RunFacet$/;
const JOB_FACETS = /JobFacet$|^LineageFacet$/;
const INPUT_FACETS = /InputDatasetFacet$|^DataQualityAssertionsDatasetFacet$/;
const OUTPUT_FACETS = /OutputDatasetFacet$|^BaseSubsetDatasetFacet$/;

/** A minimal valid event carrying the facets where their kind belongs. */
function placeFacets(dir: string, facets: Record<string, unknown>) {
  const dataset = { namespace: 'ns', name: 'table' };
  if (RUN_FACETS.test(dir))
    return runEvent({ run: { ...runEvent().run, facets } });
  if (JOB_FACETS.test(dir))
    return runEvent({ job: { ...runEvent().job, facets } });
  if (INPUT_FACETS.test(dir)) {
    return runEvent({ inputs: [{ ...dataset, inputFacets: facets }] });
  }
  if (OUTPUT_FACETS.test(dir)) {
    return runEvent({ outputs: [{ ...dataset, outputFacets: facets }] });
  }
  return runEvent({ outputs: [{ ...dataset, facets }] });
}
