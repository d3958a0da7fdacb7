import { ConfigReader } from '@backstage/config';
import { readDemoConfig } from './readDemoConfig';

describe('readDemoConfig', () => {
  it('is off, with the demo size, when nothing is configured', () => {
    expect(readDemoConfig(new ConfigReader({}))).toEqual({
      enabled: false,
      seed: 42,
      teams: 12,
      endpoints: 300,
      workflows: 150,
      historyDays: 30,
      live: true,
      liveInterval: { minutes: 1 },
    });
  });

  it('reads every key, durations as objects or ISO strings', () => {
    const config = readDemoConfig(
      new ConfigReader({
        dataPlatform: {
          demo: {
            enabled: true,
            seed: 1,
            teams: 3,
            endpoints: 50,
            workflows: 20,
            historyDays: 7,
            live: false,
            liveInterval: 'PT30S',
          },
        },
      }),
    );
    expect(config).toEqual({
      enabled: true,
      seed: 1,
      teams: 3,
      endpoints: 50,
      workflows: 20,
      historyDays: 7,
      live: false,
      liveInterval: { seconds: 30 },
    });
  });

  it('refuses sizes that make no platform', () => {
    expect(() =>
      readDemoConfig(
        new ConfigReader({ dataPlatform: { demo: { workflows: 0 } } }),
      ),
    ).toThrow(/workflows must be a whole number of at least 1/);
  });
});
