import { InputError } from '@backstage/errors';
import { NextFunction, Request, Response } from 'express';
import { unstorableText } from '../database/storableText';

type Located = { location: string; value: string };

function strings(value: unknown, location: string): Located[] {
  if (typeof value === 'string') return [{ location, value }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    strings(inner, `${location}/${key}`),
  );
}

/**
 * Refuses a request any of whose path ids or query parameters holds text
 * no store can hold, before a route runs a query with it: on PostgreSQL
 * the query would fail, and the client would get a 500 for its own input.
 * One check here covers every read route, present and future. It runs
 * after the OpenAPI validator, which has matched the path and found its
 * parameters.
 */
export function storableParameters(
  req: Request,
  _res: Response,
  next: NextFunction,
) {
  const { openapi } = req as { openapi?: { pathParams?: object } };
  const found = [
    ...strings(openapi?.pathParams ?? {}, 'request/path'),
    ...strings(req.query, 'request/query'),
  ];
  for (const { location, value } of found) {
    const reason = unstorableText(value);
    if (reason) throw new InputError(`${location} ${reason}`);
  }
  next();
}
