import { dataPlatformPlugin } from './plugin';

describe('data platform plugin on the legacy frontend system', () => {
  it('provides the API client and the root route', () => {
    expect(dataPlatformPlugin.getId()).toBe('data-platform');
    expect(
      [...dataPlatformPlugin.getApis()].map(factory => factory.api.id),
    ).toEqual(['plugin.data-platform.api']);
    expect(dataPlatformPlugin.routes.root).toBeDefined();
  });
});
