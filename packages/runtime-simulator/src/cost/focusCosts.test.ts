import { generatePlatform } from '../model/generatePlatform';
import { focusCosts, focusCsv } from './focusCosts';

describe('focusCosts', () => {
  const platform = generatePlatform({
    seed: 2,
    historyStart: new Date('2026-02-01T00:00:00Z'),
  });
  const rows = focusCosts(platform, new Date('2026-02-10T00:00:00Z'), 3);

  it('has one row a day per workflow and per endpoint, in FOCUS columns', () => {
    expect(rows).toHaveLength(3 * (150 + 300));
    for (const row of rows) {
      expect(
        Date.parse(row.ChargePeriodEnd) - Date.parse(row.ChargePeriodStart),
      ).toBe(86_400_000);
      expect(row.BillingCurrency).toBe('USD');
      expect(row.BilledCost).toBeGreaterThanOrEqual(0);
      expect(row.EffectiveCost).toBeLessThanOrEqual(row.BilledCost);
      expect(row.Tags.team).toEqual(expect.any(String));
    }
    expect(rows[0].ChargePeriodStart).toBe('2026-02-10T00:00:00.000Z');
  });

  it('charges compute to workflows that ran and storage to endpoints', () => {
    const compute = rows.filter(r => r.ResourceType === 'Workflow');
    const storage = rows.filter(r => r.ResourceType === 'Endpoint');
    expect(compute.filter(r => r.BilledCost > 0).length).toBeGreaterThan(400);
    expect(storage.every(r => r.BilledCost > 0)).toBe(true);
    expect(new Set(compute.map(r => r.ServiceName))).toEqual(
      new Set(['BigQuery', 'Dataflow', 'Kubernetes Engine']),
    );
    const bigquery = compute.find(
      r => r.ServiceName === 'BigQuery' && r.BilledCost > 0,
    )!;
    expect(bigquery.EffectiveCost).toBeLessThan(bigquery.BilledCost);
  });

  it('is the same for the same seed', () => {
    const again = focusCosts(
      generatePlatform({
        seed: 2,
        historyStart: new Date('2026-02-01T00:00:00Z'),
      }),
      new Date('2026-02-10T00:00:00Z'),
      3,
    );
    expect(again).toEqual(rows);
  });

  it('writes CSV with a header and Tags as quoted JSON', () => {
    const lines = focusCsv(rows.slice(0, 2)).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      'ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BilledCost,EffectiveCost,BillingCurrency,ProviderName,ServiceName,ServiceCategory,ResourceId,ResourceName,ResourceType,Tags',
    );
    expect(lines[1]).toContain(',"{""team"":""');
  });
});
