import { InputError } from '@backstage/errors';
import { OpenLineageValidator } from '../ingestion/OpenLineageValidator';
import { deriveFacts } from './deriveFacts';
import { Facts } from './facts';

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
