import { OpenLineageValidator } from '../ingestion/OpenLineageValidator';
import { deriveFacts } from './deriveFacts';
import { Facts } from './facts';

/**
 * Derives the facts of an event from its raw payload, as ingestion does;
 * undefined for a payload that is not (or no longer) a valid event.
 */
export function derivePayload(
  validator: OpenLineageValidator,
  payload: string,
): Facts | undefined {
  let event: unknown;
  try {
    event = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const result = validator.validate(event, { inPlace: true });
  return result.ok ? deriveFacts(result.event) : undefined;
}
