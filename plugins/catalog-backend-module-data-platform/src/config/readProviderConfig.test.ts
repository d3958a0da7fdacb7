import { ConfigReader } from '@backstage/config';
import { readProviderConfig } from './readProviderConfig';

const app = { baseUrl: 'http://localhost:3000/' };

describe('readProviderConfig', () => {
  it('has defaults for everything', () => {
    expect(readProviderConfig(new ConfigReader({ app }))).toEqual({
      schedule: {
        frequency: { minutes: 10 },
        timeout: { minutes: 15 },
        initialDelay: { seconds: 30 },
      },
      deltaSchedule: {
        frequency: { seconds: 30 },
        timeout: { minutes: 5 },
        initialDelay: { minutes: 1 },
      },
      namespaces: undefined,
      lifecycle: 'production',
      pageSize: 100,
      appBaseUrl: 'http://localhost:3000',
    });
  });

  it('reads the schedules, namespaces, lifecycle and page size', () => {
    const config = new ConfigReader({
      app,
      catalog: {
        providers: {
          dataPlatform: {
            schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
            deltaSchedule: {
              frequency: { seconds: 10 },
              timeout: { minutes: 1 },
            },
            namespaces: ['airflow'],
            lifecycle: 'experimental',
            pageSize: 500,
          },
        },
      },
    });
    expect(readProviderConfig(config)).toMatchObject({
      schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
      deltaSchedule: { frequency: { seconds: 10 }, timeout: { minutes: 1 } },
      namespaces: ['airflow'],
      lifecycle: 'experimental',
      pageSize: 500,
    });
  });

  it.each([0, 501, 2.5])('refuses a page size of %p', pageSize => {
    const config = new ConfigReader({
      app,
      catalog: { providers: { dataPlatform: { pageSize } } },
    });
    expect(() => readProviderConfig(config)).toThrow(/pageSize/);
  });
});
