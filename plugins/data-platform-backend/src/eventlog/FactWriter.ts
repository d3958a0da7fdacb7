import { Knex } from 'knex';
import { Facts } from '../openlineage/facts';

/**
 * A value one projector leaves for a later one in the same batch, e.g. the
 * runs it wrote, which the workflows' current run is chosen from.
 */
export class BatchKey<T> {
  // Only carries T, so that get and set agree on it.
  private declare readonly value?: T;
  constructor(readonly name: string) {}
}

/** One batch of facts being applied, in one transaction. */
export class ProjectionBatch {
  private readonly values = new Map<BatchKey<unknown>, unknown>();

  constructor(readonly trx: Knex.Transaction, readonly facts: Facts[]) {}

  set<T>(key: BatchKey<T>, value: T) {
    this.values.set(key, value);
  }

  get<T>(key: BatchKey<T>): T | undefined {
    return this.values.get(key) as T | undefined;
  }
}

/**
 * Writes one domain's derived tables from a batch of facts. A projector
 * merges with order-independent rules, so the same events give the same
 * rows in any order and on redelivery; whatever it writes, a replay
 * clears (`tables`) and derives again from the raw log.
 */
export interface Projector {
  /** The derived tables it writes, in the order a replay clears them. */
  readonly tables: readonly string[];
  apply(batch: ProjectionBatch): Promise<void>;
}

/**
 * Applies the facts of a batch of events inside one transaction by running
 * the projectors in the order given, which is the order the batch takes
 * row locks in (see `projectors.ts` at the root of the package for the
 * list and why it is in that order). Every transaction takes the tables in
 * the same order, and ids within a table in sorted order, so concurrent
 * batches that touch the same rows do not deadlock or lose updates.
 */
export class FactWriter {
  constructor(private readonly projectors: readonly Projector[]) {}

  /**
   * Everything derived, which a replay clears: the last projector's tables
   * first (endpoints, as before projectors existed), the first's last.
   */
  get derivedTables(): string[] {
    return [...this.projectors].reverse().flatMap(p => p.tables);
  }

  async apply(trx: Knex.Transaction, facts: Facts[]): Promise<void> {
    if (facts.length === 0) return;
    const batch = new ProjectionBatch(trx, facts);
    for (const projector of this.projectors) {
      await projector.apply(batch);
    }
  }
}
