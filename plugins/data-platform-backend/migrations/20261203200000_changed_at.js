// @ts-check

/**
 * `changed_at` on endpoints and workflows: when the service last changed
 * what a consumer mirrors of the row (identity, description, owner, tags,
 * an endpoint's current schema, a workflow's current inputs and outputs).
 * Unlike every other timestamp here it is processing time, not event time:
 * a late event carrying an old event time still changes the row now, and
 * a consumer polling `changedAfter` must see it. Replaying the log
 * rewrites it; nothing compares it across stores.
 *
 * Existing rows start at their `updated_at`. The index serves the lists'
 * `changedAfter` order, (changed_at, id).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const table of ['endpoints', 'workflows']) {
    await knex.schema.alterTable(table, t => {
      t.timestamp('changed_at', { useTz: true })
        .nullable()
        .comment('Processing time of the last change consumers mirror');
    });
    await knex(table).update({ changed_at: knex.ref('updated_at') });
    await knex.schema.alterTable(table, t => {
      t.index(['changed_at', 'id'], `${table}_changed_idx`);
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of ['endpoints', 'workflows']) {
    await knex.schema.alterTable(table, t => {
      t.dropIndex(['changed_at', 'id'], `${table}_changed_idx`);
      t.dropColumn('changed_at');
    });
  }
};
