import { InputError } from '@backstage/errors';
import { Facts } from '../openlineage/facts';

/** What the raw log records of an accepted event besides its payload. */
export type EventIdentity = {
  /** The event's kind within its source, e.g. OpenLineage's `run`. */
  kind: string;
  eventType?: string;
  eventTime: Date;
  runId?: string;
  job?: { namespace: string; name: string };
  producer?: string;
};

/** A source's verdict on one event. */
export type SourceVerdict =
  | {
      ok: true;
      identity: EventIdentity;
      /** What was off but accepted, each with its JSON path. */
      notes: string[];
      /** What the event says; deferred, as the worker may derive it. */
      facts: () => Facts;
    }
  | { ok: false; reason: string; jsonPath: string };

/**
 * Where events come from: OpenLineage today (`openlineage/`), FOCUS cost
 * exports next. Every source's events go through the same raw log, dead
 * letters, derivation queue and replay; `raw_events.source` and
 * `dead_letters.source` say which source an event came through, so a
 * replay derives it again the same way.
 */
export interface EventSource {
  /** Stored with every event, e.g. `openlineage`. */
  readonly kind: string;
  /**
   * Validates an event as parsed from a request, and may repair it in
   * place (the raw log keeps what was sent).
   */
  accept(event: unknown): SourceVerdict;
  /**
   * The facts of a payload the raw log kept; throws with the reason for
   * one it can no longer use, which the worker then sets aside.
   */
  derive(payload: string): Facts;
}

/** The event sources by kind, as the worker derives queued events. */
export class EventSources {
  private readonly byKind: Map<string, EventSource>;

  constructor(sources: EventSource[]) {
    this.byKind = new Map(sources.map(s => [s.kind, s]));
  }

  /** The facts of a raw payload kept from the source of kind `kind`. */
  derive(payload: string, kind: string): Facts {
    const source = this.byKind.get(kind);
    if (!source) {
      throw new InputError(`The raw event came from an unknown source ${kind}`);
    }
    return source.derive(payload);
  }
}
