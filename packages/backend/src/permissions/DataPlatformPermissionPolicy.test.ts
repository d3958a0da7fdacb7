import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  dataPlatformAdminPermission,
  dataPlatformEventsCreatePermission,
  dataPlatformEventsReadPermission,
  dataPlatformMetadataReadPermission,
} from '@data-platform/plugin-data-platform-common';
import {
  DataPlatformPermissionPolicy,
  normalizeAdminRef,
} from './DataPlatformPermissionPolicy';

const admin = 'user:default/ada';
const member = 'user:default/bob';

const policy = new DataPlatformPermissionPolicy({
  adminGroups: ['Data-Platform-Admins'],
  userInfo: {
    async getUserInfo(credentials) {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs:
          ref === admin
            ? [ref, 'group:default/data-platform-admins']
            : [ref, 'group:default/analytics'],
      };
    },
  },
});

const userOf = (ref: string) => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: [ref] },
});

const decide = async (
  permission: { name: string; attributes: {} },
  ref?: string,
) =>
  (
    await policy.handle(
      { permission: createPermission(permission) },
      ref ? userOf(ref) : undefined,
    )
  ).result;

describe('DataPlatformPermissionPolicy', () => {
  it('keeps administration and the raw event log to the admin groups', async () => {
    for (const permission of [
      dataPlatformAdminPermission,
      dataPlatformEventsReadPermission,
    ]) {
      expect(await decide(permission, admin)).toBe(AuthorizeResult.ALLOW);
      expect(await decide(permission, member)).toBe(AuthorizeResult.DENY);
    }
  });

  it('lets every signed-in user read metadata and use the other plugins', async () => {
    const catalogRead = { name: 'catalog.entity.read', attributes: {} };
    for (const ref of [admin, member]) {
      expect(await decide(dataPlatformMetadataReadPermission, ref)).toBe(
        AuthorizeResult.ALLOW,
      );
      expect(await decide(catalogRead, ref)).toBe(AuthorizeResult.ALLOW);
    }
  });

  it('never lets a user ingest, and denies a request without a user', async () => {
    expect(await decide(dataPlatformEventsCreatePermission, admin)).toBe(
      AuthorizeResult.DENY,
    );
    expect(await decide(dataPlatformMetadataReadPermission)).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('reads admin groups as the catalog compares refs', () => {
    expect(normalizeAdminRef('admins')).toBe('group:default/admins');
    expect(normalizeAdminRef('ops/Admins')).toBe('group:ops/admins');
    expect(normalizeAdminRef('User:default/Ada')).toBe('user:default/ada');
    expect(() => normalizeAdminRef('group:a/b/c')).toThrow(
      /Invalid entity ref/,
    );
  });
});
