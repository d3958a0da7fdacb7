import { InputError } from '@backstage/errors';
import { deriveFacts } from './deriveFacts';
import { Facts } from './facts';
import { OpenLineageValidator } from './OpenLineageValidator';

/**
 * Derives the facts of an event from its raw payload, as ingestion does.
 * A payload that is not (or no longer, after the validator grew stricter)
 * a valid event throws with the reason, so the worker sets it aside where
 * `GET /v1/derivation/failed` lists it, instead of skipping it unseen.
 */
export function derivePayload(
  validator: OpenLineageValidator,
  payload: string,
): Facts {
  let event: unknown;
  try {
    event = JSON.parse(payload);
  } catch (error) {
    throw new InputError(
      `The raw event is not JSON: ${(error as Error).message}`,
    );
  }
  const result = validator.validate(event, { inPlace: true });
  if (!result.ok) {
    throw new InputError(
      `The raw event is no longer a valid event: ${result.reason}`,
    );
  }
  return deriveFacts(result.event);
}

/** The kind OpenLineage events are stored with in the raw log. */
export const OPENLINEAGE_SOURCE = 'openlineage';

/**
 * OpenLineage as an event source of the event log (its `EventSource`
 * interface, which this leaf folder matches without importing it): the
 * lenient validator, the identity the raw log keeps of an event, and its
 * facts.
 */
export function openLineageSource(validator = new OpenLineageValidator()) {
  return {
    kind: OPENLINEAGE_SOURCE,
    accept(event: unknown) {
      const result = validator.validate(event, { inPlace: true });
      if (!result.ok) return result;
      const e = result.event;
      return {
        ok: true as const,
        identity: {
          kind: result.kind,
          // Only a RunEvent's eventType means something (and fits its column).
          eventType: result.kind === 'run' ? e.eventType : undefined,
          eventTime: new Date(e.eventTime),
          runId: e.run?.runId,
          job: e.job && { namespace: e.job.namespace, name: e.job.name },
          producer: e.producer,
        },
        notes: result.notes,
        facts: () => deriveFacts(e),
      };
    },
    derive(payload: string) {
      return derivePayload(validator, payload);
    },
  };
}
