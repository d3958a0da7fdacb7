import { claimSnippet, entityName, unownedReasonText } from './claimSnippet';

describe('claimSnippet', () => {
  it('declares an endpoint as an API of type dataset, quoting what YAML would misread', () => {
    expect(
      claimSnippet('endpoint', {
        namespace: 'postgres://warehouse:5432',
        name: 'public.orders',
        description: 'Orders: "all" of them',
      }),
    ).toBe(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: API',
        'metadata:',
        '  name: public.orders',
        '  description: "Orders: \\"all\\" of them"',
        '  annotations:',
        '    data-platform.io/openlineage-namespace: "postgres://warehouse:5432"',
        '    data-platform.io/openlineage-name: "public.orders"',
        'spec:',
        '  type: dataset',
        '  lifecycle: production',
        '  owner: group:default/<your-team>',
        '  definition: "OpenLineage dataset postgres://warehouse:5432 public.orders"',
        '',
      ].join('\n'),
    );
  });

  it('declares a workflow as a Component of type data-pipeline', () => {
    const yaml = claimSnippet('workflow', {
      namespace: 'airflow',
      name: 'load_orders',
    });
    expect(yaml).toContain('kind: Component\n');
    expect(yaml).toContain('  type: data-pipeline\n');
    expect(yaml).not.toContain('definition');
    expect(yaml).not.toContain('description');
  });

  it('makes an entity name of any OpenLineage name', () => {
    expect(entityName('s3://bucket/path/to/table')).toBe(
      's3-bucket-path-to-table',
    );
    expect(entityName('__x__')).toBe('x');
    expect(entityName('a'.repeat(80))).toHaveLength(63);
    expect(entityName('***')).toBe('unnamed');
  });

  it('says why an item is unowned', () => {
    expect(unownedReasonText('masked')).toBe('The owner is masked (***)');
    expect(unownedReasonText(undefined)).toBe('No owner resolved');
  });
});
