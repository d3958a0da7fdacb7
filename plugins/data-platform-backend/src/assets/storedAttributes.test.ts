import {
  loadAttributes,
  runColumns,
  attributeTimes,
  workflowColumns,
} from './storedAttributes';

describe('stored attributes', () => {
  it('keeps times only and reads values back from the columns', () => {
    const timed = {
      description: { v: 'Daily plays', t: 1 },
      sql: { v: { query: 'SELECT 1', dialect: 'bigquery' }, t: 2 },
      parent: { v: { namespace: 'airflow', name: 'dag' }, t: 3 },
      jobType: { v: { processingType: 'BATCH' }, t: 4 },
    };
    const row = {
      description: 'Daily plays',
      sql: 'SELECT 1',
      sql_dialect: 'bigquery',
      parent_namespace: 'airflow',
      parent_name: 'dag',
      job_type: '{"processingType":"BATCH"}',
      tags: '[]',
      attributes: JSON.stringify(attributeTimes(timed)),
    };
    // Stored in key order, so the text does not depend on merge order.
    expect(JSON.stringify(attributeTimes(timed))).toBe(
      '{"description":1,"jobType":4,"parent":3,"sql":2}',
    );
    // Same values, with their keys in the same order inside each value:
    // ties between events compare them.
    const loaded: Record<string, unknown> = loadAttributes(
      row,
      workflowColumns,
    );
    for (const [key, entry] of Object.entries(timed)) {
      expect(JSON.stringify(loaded[key])).toBe(JSON.stringify(entry));
    }
    expect(Object.keys(loaded)).toHaveLength(4);
  });

  it('reads rows written with values beside the times as they are', () => {
    const legacy = {
      nominalStartTime: { v: '2026-11-25T00:00:00.000Z', t: 5 },
      facets: { v: { nominalTime: {} }, t: 5 },
    };
    const row = {
      nominal_start: new Date('2026-11-25T00:00:00Z'),
      facets: '{"nominalTime":{}}',
      attributes: JSON.stringify(legacy),
    };
    expect(loadAttributes(row, runColumns)).toEqual(legacy);
    expect(
      loadAttributes(
        { ...row, attributes: JSON.stringify(attributeTimes(legacy)) },
        runColumns,
      ),
    ).toEqual(legacy);
  });

  it('drops a time whose column holds no value', () => {
    expect(
      loadAttributes(
        { error_message: null, attributes: '{"errorMessage":7}' },
        runColumns,
      ),
    ).toEqual({});
    expect(loadAttributes(undefined, runColumns)).toEqual({});
  });
});
