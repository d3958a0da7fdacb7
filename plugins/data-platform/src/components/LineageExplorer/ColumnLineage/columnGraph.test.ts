import { columnGraphModel } from './columnGraph';

describe('columnGraphModel', () => {
  it('groups fields by endpoint and keeps DIRECT and INDIRECT edges apart', () => {
    const model = columnGraphModel({
      focus: 'ep-c',
      truncated: false,
      nodes: [
        {
          id: 'a#id',
          endpointId: 'ep-a',
          namespace: 'pg',
          name: 'a',
          field: 'id',
          distance: 1,
        },
        {
          id: 'b#id',
          endpointId: 'ep-b',
          namespace: 'pg',
          name: 'b',
          field: 'id',
          distance: 1,
        },
        {
          id: 'c#total',
          endpointId: 'ep-c',
          namespace: 'pg',
          name: 'c',
          field: 'total',
          distance: 0,
        },
        {
          id: 'c#id',
          endpointId: 'ep-c',
          namespace: 'pg',
          name: 'c',
          field: 'id',
          distance: 0,
        },
        { id: 'x#v', namespace: 's3', name: 'x', field: 'v', distance: 1 },
      ],
      edges: [
        {
          from: 'a#id',
          to: 'c#id',
          transformations: [
            { type: 'DIRECT', subtype: 'IDENTITY' },
            { type: 'INDIRECT', subtype: 'JOIN' },
          ],
        },
        {
          from: 'b#id',
          to: 'c#id',
          transformations: [{ type: 'INDIRECT', subtype: 'JOIN' }],
        },
        {
          from: 'x#v',
          to: 'c#total',
          transformations: [
            { type: 'DIRECT', subtype: 'AGGREGATION' },
            { type: 'DIRECT', subtype: 'TRANSFORMATION' },
          ],
        },
      ],
    });
    expect(model.endpoints.map(e => e.key)).toEqual([
      'ep-a',
      'ep-b',
      'ep-c',
      's3/x',
    ]);
    expect(model.endpoints[2].fields.map(f => f.field)).toEqual([
      'id',
      'total',
    ]);
    expect(model.edges.map(e => [e.from, e.to, e.type, e.label])).toEqual([
      ['a#id', 'c#id', 'DIRECT', 'DIRECT · IDENTITY'],
      ['a#id', 'c#id', 'INDIRECT', 'INDIRECT · JOIN'],
      ['b#id', 'c#id', 'INDIRECT', 'INDIRECT · JOIN'],
      ['x#v', 'c#total', 'DIRECT', 'DIRECT · AGGREGATION · TRANSFORMATION'],
    ]);
    expect(model.endpointEdges).toEqual([
      { from: 'ep-a', to: 'ep-c' },
      { from: 'ep-b', to: 'ep-c' },
      { from: 's3/x', to: 'ep-c' },
    ]);
  });
});
