import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runCli } from './runCli';

describe('runCli', () => {
  const dir = mkdtempSync(join(tmpdir(), 'simulator-cli-'));
  const small = [
    '--teams',
    '3',
    '--endpoints',
    '40',
    '--workflows',
    '20',
    '--days',
    '1',
    '--until',
    '2026-07-01T00:00:00Z',
  ];

  beforeEach(() => {
    jest.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => jest.restoreAllMocks());

  it('seeds the same NDJSON twice for the same seed, within the window', async () => {
    await runCli(['seed', ...small, '--out', join(dir, 'a.ndjson')]);
    await runCli(['seed', ...small, '--out', join(dir, 'b.ndjson')]);
    const a = readFileSync(join(dir, 'a.ndjson'), 'utf8');
    expect(a).toBe(readFileSync(join(dir, 'b.ndjson'), 'utf8'));
    const events = a
      .trimEnd()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(events.length).toBeGreaterThan(50);
    for (const event of events) {
      expect(event.eventTime >= '2026-06-30T00:00:00.000Z').toBe(true);
      expect(event.eventTime < '2026-07-01T00:00:00.000Z').toBe(true);
    }
  });

  it('writes one finished run per workflow in scale mode', async () => {
    await runCli(['scale', ...small, '--out', join(dir, 'scale.ndjson')]);
    const events = readFileSync(join(dir, 'scale.ndjson'), 'utf8')
      .trimEnd()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(new Set(events.map(e => e.job.name)).size).toBe(20);
  });

  it('writes cost rows and the org', async () => {
    await runCli(['cost', ...small, '--out', join(dir, 'cost.json')]);
    const rows = JSON.parse(readFileSync(join(dir, 'cost.json'), 'utf8'));
    expect(rows).toHaveLength(60);
    await runCli(['org', ...small, '--out', join(dir, 'org.yaml')]);
    const kinds = parseAllDocuments(
      readFileSync(join(dir, 'org.yaml'), 'utf8'),
    ).map(d => d.toJS().kind);
    expect(kinds.filter(k => k === 'Group')).toHaveLength(4);
  });

  it('needs a token to send to the service', async () => {
    const saved = process.env.DATA_PLATFORM_INGEST_TOKEN;
    delete process.env.DATA_PLATFORM_INGEST_TOKEN;
    try {
      await expect(runCli(['seed', ...small])).rejects.toThrow(
        /ingestion token is needed/,
      );
    } finally {
      if (saved !== undefined) process.env.DATA_PLATFORM_INGEST_TOKEN = saved;
    }
  });
});
