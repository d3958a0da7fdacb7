import {
  BackstageUserInfo,
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  dataPlatformAdminPermission,
  dataPlatformEventsCreatePermission,
  dataPlatformEventsReadPermission,
} from '@data-platform/plugin-data-platform-common';

const ADMIN_GROUPS_KEY = 'dataPlatform.permission.adminGroups';

/** Permissions only members of an admin group hold. */
const adminOnly = new Set([
  dataPlatformAdminPermission.name,
  dataPlatformEventsReadPermission.name,
]);

/**
 * Normalizes an entity ref from config the way the catalog compares refs:
 * case-insensitively, with `group` and `default` when the kind or namespace
 * is left out, so that `data-platform-admins` and
 * `Group:default/data-platform-admins` name the same group.
 */
export function normalizeAdminRef(ref: string): string {
  const match = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(ref.trim());
  if (!match) {
    throw new InputError(
      `Invalid entity ref '${ref}' in ${ADMIN_GROUPS_KEY}, expected e.g. group:default/data-platform-admins`,
    );
  }
  const [, kind = 'group', namespace = 'default', name] = match;
  return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/**
 * The app's permission policy. Signed-in users may do what the plugins they
 * use ask of them (the catalog, search, the data platform's reads), except
 * the data platform's administration and its raw event log, which only
 * members of `dataPlatform.permission.adminGroups` hold. Ingesting is for
 * service principals, never users. A request without a user is denied.
 *
 * Service principals never reach a policy: the permissions service decides
 * for them from their token's `accessRestrictions`, so calls between
 * plugins keep working and a runtime's token holds what its config grants.
 */
export class DataPlatformPermissionPolicy implements PermissionPolicy {
  static fromConfig(
    config: RootConfigService,
    options: { userInfo: UserInfoService },
  ): DataPlatformPermissionPolicy {
    const refs = config.getOptionalStringArray(ADMIN_GROUPS_KEY) ?? [];
    return new DataPlatformPermissionPolicy({
      adminGroups: refs,
      userInfo: options.userInfo,
    });
  }

  private readonly adminRefs: Set<string>;
  private readonly userInfo: UserInfoService;

  constructor(options: { adminGroups: string[]; userInfo: UserInfoService }) {
    this.adminRefs = new Set(options.adminGroups.map(normalizeAdminRef));
    this.userInfo = options.userInfo;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const name = request.permission.name;
    if (name === dataPlatformEventsCreatePermission.name) {
      return { result: AuthorizeResult.DENY };
    }
    if (adminOnly.has(name)) {
      const info = await this.userInfo.getUserInfo(user.credentials);
      return {
        result: this.isAdmin(info)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }

  private isAdmin(info: BackstageUserInfo): boolean {
    return info.ownershipEntityRefs.some(ref =>
      this.adminRefs.has(ref.toLocaleLowerCase('en-US')),
    );
  }
}
