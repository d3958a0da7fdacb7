import { csvCell, impactCsv, impactCsvFilename } from './impactCsv';

describe('impact CSV', () => {
  it('quotes as RFC 4180 wants', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(3)).toBe('3');
  });

  it('makes formula-shaped cells inert', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvCell(`${start}SUM(A1)`).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes a header and CRLF-terminated rows', () => {
    expect(
      impactCsv({
        focus: 'ep_a',
        items: [
          {
            id: 'wf_b',
            kind: 'workflow',
            namespace: 'etl',
            name: 'b',
            owner: 'group:default/x',
            distance: 1,
          },
        ],
        owners: [{ owner: 'group:default/x', count: 1 }],
        truncated: false,
      }),
    ).toBe(
      'distance,kind,namespace,name,owner,id\r\n1,workflow,etl,b,group:default/x,wf_b\r\n',
    );
  });

  it('names the download safely', () => {
    expect(impactCsvFilename('analytics.daily_plays')).toBe(
      'impact-analytics.daily_plays.csv',
    );
    expect(impactCsvFilename('a"b/c\r\n')).toBe('impact-a_b_c_.csv');
    expect(impactCsvFilename('')).toBe('impact-lineage.csv');
  });
});
