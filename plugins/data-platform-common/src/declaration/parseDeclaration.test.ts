import {
  DeclaringEntity,
  parseDataPlatformDeclaration,
} from './parseDeclaration';

function dataset(
  spec: Record<string, unknown> = {},
  annotations = true,
): DeclaringEntity & { metadata: { annotations: Record<string, string> } } {
  return {
    kind: 'API',
    metadata: {
      name: 'orders-daily',
      namespace: 'commerce',
      description: 'Orders, one partition a day',
      annotations: annotations
        ? {
            'data-platform.io/openlineage-namespace': 'bigquery',
            'data-platform.io/openlineage-name': 'analytics.orders_daily',
          }
        : {},
    },
    spec: {
      type: 'dataset',
      lifecycle: 'production',
      owner: 'orders',
      ...spec,
    },
  };
}

describe('parseDataPlatformDeclaration', () => {
  it('reads a complete endpoint declaration', () => {
    const result = parseDataPlatformDeclaration(
      dataset({
        system: 'checkout',
        dataPlatform: {
          partitions: { cadence: 'daily', expectedBy: 'PT6H' },
          retention: 'P400D',
          classification: 'confidential',
          tier: 1,
        },
      }),
    );
    expect(result.problems).toEqual([]);
    expect(result.declaration).toEqual({
      kind: 'endpoint',
      entityRef: 'api:commerce/orders-daily',
      namespace: 'bigquery',
      name: 'analytics.orders_daily',
      owner: 'group:commerce/orders',
      lifecycle: 'production',
      system: 'system:commerce/checkout',
      description: 'Orders, one partition a day',
      partitions: {
        cadence: { kind: 'daily' },
        expectedBy: 'PT6H',
        expectedBySeconds: 6 * 3600,
      },
      retention: 'P400D',
      retentionSeconds: 400 * 86400,
      classification: 'confidential',
      tier: 1,
    });
  });

  it('keeps full owner refs and accepts a cron cadence', () => {
    const { declaration, problems } = parseDataPlatformDeclaration(
      dataset({
        owner: 'user:default/ada',
        dataPlatform: { partitions: { cadence: '30 */2 * jan-jun mon-fri' } },
      }),
    );
    expect(problems).toEqual([]);
    expect(declaration?.owner).toBe('user:default/ada');
    expect(declaration?.partitions?.cadence).toEqual({
      kind: 'cron',
      expression: '30 */2 * jan-jun mon-fri',
    });
  });

  it('reports every invalid part with its path and keeps the rest', () => {
    const { declaration, problems } = parseDataPlatformDeclaration(
      dataset({
        dataPlatform: {
          partitions: { cadence: '61 * * * *', expectedBy: '-PT1H', grace: 1 },
          retention: 'forever',
          classification: 'secret',
          tier: 4,
          colour: 'blue',
        },
      }),
    );
    expect(problems.map(p => p.path).sort()).toEqual([
      'spec.dataPlatform.classification',
      'spec.dataPlatform.colour',
      'spec.dataPlatform.partitions.cadence',
      'spec.dataPlatform.partitions.expectedBy',
      'spec.dataPlatform.partitions.grace',
      'spec.dataPlatform.retention',
      'spec.dataPlatform.tier',
    ]);
    expect(problems.find(p => p.path.endsWith('cadence'))?.message).toContain(
      'minute field "61"',
    );
    expect(declaration).toMatchObject({
      owner: 'group:commerce/orders',
      namespace: 'bigquery',
    });
    expect(declaration?.partitions).toBeUndefined();
    expect(declaration?.retention).toBeUndefined();
  });

  it('reads a workflow declaration and refuses endpoint-only keys on it', () => {
    const { declaration, problems } = parseDataPlatformDeclaration({
      kind: 'Component',
      metadata: {
        name: 'orders-etl',
        annotations: {
          'data-platform.io/openlineage-namespace': 'airflow',
          'data-platform.io/openlineage-name': 'orders.etl',
        },
      },
      spec: {
        type: 'data-pipeline',
        owner: 'group:default/orders',
        dataPlatform: { maxRunDuration: 'PT2H', retention: 'P1D' },
      },
    });
    expect(declaration).toMatchObject({
      kind: 'workflow',
      entityRef: 'component:default/orders-etl',
      maxRunDurationSeconds: 7200,
    });
    expect(problems).toEqual([
      expect.objectContaining({ path: 'spec.dataPlatform.retention' }),
    ]);
  });

  it('is silent about entities that declare nothing', () => {
    expect(parseDataPlatformDeclaration(dataset({}, false))).toEqual({
      problems: [],
    });
  });

  it('refuses a declaration on the wrong kind or with one annotation', () => {
    const wrongKind = parseDataPlatformDeclaration({
      ...dataset(),
      spec: { type: 'openapi' },
    });
    expect(wrongKind.declaration).toBeUndefined();
    expect(wrongKind.problems[0].path).toBe('kind');

    const half = dataset();
    delete (half.metadata.annotations as Record<string, string>)[
      'data-platform.io/openlineage-name'
    ];
    const result = parseDataPlatformDeclaration(half);
    expect(result.declaration).toBeUndefined();
    expect(result.problems[0].path).toBe(
      'metadata.annotations.data-platform.io/openlineage-name',
    );
  });

  it('refuses a dataPlatform block without the annotations', () => {
    const result = parseDataPlatformDeclaration(
      dataset({ dataPlatform: { tier: 1 } }, false),
    );
    expect(result.declaration).toBeUndefined();
    expect(result.problems[0].path).toBe('spec.dataPlatform');
  });
});
