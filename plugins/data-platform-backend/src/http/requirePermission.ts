import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { NextFunction, Request, Response } from 'express';

/** Route middleware that lets a request on only when it may `permission`. */
export type RequirePermission = (
  permission: BasicPermission,
) => (
  req: Request<any, any, any, any>,
  res: Response<any>,
  next: NextFunction,
) => Promise<void>;

/**
 * The one permission check of every route: the caller's credentials (of
 * the principals `allow` names, users and services by default), then
 * `permission`, before the route's handler runs. Anything else is a 401
 * (no credentials) or 403 (`NotAllowedError`).
 */
export function createRequirePermission(
  options: { httpAuth: HttpAuthService; permissions: PermissionsService },
  allow: ('user' | 'service')[] = ['user', 'service'],
): RequirePermission {
  const { httpAuth, permissions } = options;
  return permission => async (req, _res, next) => {
    const credentials = await httpAuth.credentials(req, { allow });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Unauthorized');
    }
    next();
  };
}
