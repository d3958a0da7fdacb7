import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { dataPlatformEventsCreatePermission } from '@data-platform/plugin-data-platform-common';
import bytes from 'bytes';
import { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { RequirePermission } from '../http/requirePermission';
import {
  IngestionBackpressureError,
  IngestionService,
} from './IngestionService';
import { keptPayload, readRequestBody } from './requestBody';

/** The batch route's default limit on events per request. */
export const DEFAULT_MAX_BATCH_EVENTS = 10_000;

/** Answers a refusal in the shape every ingestion refusal has. */
export function rejection(
  res: Response,
  status: number,
  name: string,
  message: string,
  jsonPath?: string,
) {
  res.status(status).json({
    error: { name, message, ...(jsonPath && { jsonPath }) },
    response: { statusCode: status },
  });
}

/** A body refused as a whole. */
type Refused = {
  status: number;
  name: string;
  reason: string;
  payload: string;
};

type Taken<T> = { write: Promise<T> } | { refused: Refused };

/**
 * `POST /v1/lineage` and `POST /v1/lineage/batch`. They read the body
 * themselves: to inflate it under a limit, to refuse bytes that are not
 * UTF-8 instead of rewriting them, and to keep what they refuse as dead
 * letters.
 */
export function createIngestionRouter(options: {
  /** Checks service principals only: users do not ingest. */
  requireServicePermission: RequirePermission;
  logger: LoggerService;
  ingestion: IngestionService;
  /** e.g. `32mb`. */
  maxBodySize: string;
  maxBatchEvents: number;
}) {
  const { requireServicePermission, logger, ingestion, maxBatchEvents } =
    options;
  const maxBytes = bytes.parse(options.maxBodySize);
  if (maxBytes === null || !(maxBytes > 0)) {
    throw new InputError(
      `dataPlatform.ingestion.maxBodySize must be a size such as 32mb, not ${options.maxBodySize}`,
    );
  }
  const limit = { maxBytes, text: options.maxBodySize };

  // Service principals with `data-platform.events.create`, before anything
  // else is looked at: a token restricted to ingestion can ingest and
  // nothing more, and one without it learns nothing from the body's fate.
  const authorized = requireServicePermission(
    dataPlatformEventsCreatePermission,
  );

  const unavailable =
    (res: Response) =>
    (error: unknown): never => {
      if (error instanceof IngestionBackpressureError) {
        res.set('Retry-After', String(error.retryAfterSeconds));
        throw error;
      }
      logger.error('Ingestion failed', error as Error);
      res.set('Retry-After', '1');
      throw new ServiceUnavailableError(
        'The metadata store could not take the events; retry later',
      );
    };

  // A full derivation queue refuses a request before its body is read and
  // parsed: producers retry then, and parsing bodies only to refuse them
  // would take the CPU the queue needs to drain.
  const admitted = (_req: Request, res: Response, next: NextFunction) => {
    try {
      ingestion.admit();
    } catch (error) {
      unavailable(res)(error);
    }
    next();
  };

  // Reads, decodes and parses the body and hands it to `take` without
  // awaiting what `take` starts, so that once this returns nothing holds the
  // bytes, the text or the parsed body (for a batch, hundreds of thousands
  // of objects) while the write is awaited: they die young instead of being
  // promoted and marked. `take` answers the write, or why the body as a
  // whole is refused; a refusal for size (413) keeps a prefix.
  const receive = async <T>(
    req: Request,
    take: (
      value: unknown,
      text: string,
    ) => Promise<T> | Omit<Refused, 'payload'>,
  ): Promise<Taken<T>> => {
    const read = await readRequestBody(req, limit);
    if ('refusal' in read) return { refused: read.refusal };
    let text: string;
    try {
      // Fatal: a body that is not UTF-8 is refused, not silently rewritten.
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
        read.bytes,
      );
    } catch {
      const { payload, note } = keptPayload(read.bytes);
      const reason = `The body is not valid UTF-8${note}`;
      return { refused: { status: 400, name: 'InputError', reason, payload } };
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const { payload, note } = keptPayload(read.bytes, { whole: true });
      const reason = `$ is not valid JSON: ${(error as Error).message}${note}`;
      return { refused: { status: 400, name: 'InputError', reason, payload } };
    }
    const taken = take(value, text);
    if (!('status' in taken)) return { write: taken };
    if (taken.status !== 413) return { refused: { ...taken, payload: text } };
    const { payload, note } = keptPayload(read.bytes);
    return {
      refused: { ...taken, reason: taken.reason + note, payload },
    };
  };

  const refuse = async (res: Response, refused: Refused) => {
    await ingestion.rejectBody(refused.reason, '$', refused.payload);
    rejection(res, refused.status, refused.name, refused.reason, '$');
  };

  const router = Router();

  router.post('/v1/lineage', authorized, admitted, async (req, res) => {
    const read = await receive(req, (event, text) =>
      ingestion.ingestOne(event, text),
    );
    if ('refused' in read) {
      await refuse(res, read.refused);
      return;
    }
    const outcome = await read.write.catch(unavailable(res));
    if (outcome.ok) {
      res.status(201).json({ status: 'success', lenientNotes: outcome.notes });
    } else {
      rejection(res, 400, 'ValidationError', outcome.reason, outcome.jsonPath);
    }
  });

  router.post('/v1/lineage/batch', authorized, admitted, async (req, res) => {
    const read = await receive(req, events => {
      if (!Array.isArray(events)) {
        return {
          status: 400,
          name: 'InputError',
          reason: '$ must be a JSON array of OpenLineage events',
        };
      }
      if (events.length > maxBatchEvents) {
        return {
          status: 413,
          name: 'PayloadTooLargeError',
          reason: `The batch has ${events.length} events, more than the ${maxBatchEvents} allowed (dataPlatform.ingestion.maxBatchEvents)`,
        };
      }
      return ingestion.ingestBatch(events);
    });
    if ('refused' in read) {
      await refuse(res, read.refused);
      return;
    }
    const result = await read.write.catch(unavailable(res));
    res.status(result.status === 'success' ? 200 : 207).json(result);
  });

  return router;
}
