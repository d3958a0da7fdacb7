// @ts-check

/**
 * Owners resolved to catalog entity refs (README, Ownership).
 *
 * `endpoints` and `workflows` get `owner_ref` (the resolved ref, lower
 * case; null when unowned) and `owner_rule` (which rule resolved it), so
 * lists filter on the resolved owner in SQL. `owner` stays the raw owner
 * the ownership facet names. Existing rows are backfilled by the rules
 * that need nothing from the catalog (entity refs, `team:`); the catalog
 * reader and the configured mapping then re-resolve the rows they cover.
 *
 * `owner_directory` holds what resolution reads besides the owner itself:
 * the operators' mapping (`source` mapping) and the catalog's users by
 * e-mail (`source` email), each keyed by the owner text in lower case.
 * `declarations` holds the teams' declarations read from the catalog.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const name of ['endpoints', 'workflows']) {
    await knex.schema.alterTable(name, table => {
      table
        .string('owner_ref', 255)
        .nullable()
        .comment('The owner resolved to a catalog entity ref; null: unowned');
      table
        .string('owner_rule', 16)
        .notNullable()
        .defaultTo('unowned')
        .comment('The rule that resolved owner_ref, or unowned');
      table.index(['owner_ref'], `${name}_owner_ref_idx`);
    });
    await backfill(knex, name);
  }

  await knex.schema.createTable('owner_directory', table => {
    table.string('source', 16).notNullable().comment('mapping or email');
    table
      .string('alias', 255)
      .notNullable()
      .comment('The owner text it resolves, in lower case');
    table
      .string('ref', 255)
      .notNullable()
      .comment('The entity ref, lower case');
    table.primary(['source', 'alias']);
  });

  await knex.schema.createTable('declarations', table => {
    table
      .string('entity_ref', 255)
      .primary()
      .comment('The declaring catalog entity, lower case');
    table.string('kind', 16).notNullable().comment('endpoint or workflow');
    table.text('namespace').notNullable();
    table.text('name').notNullable();
    table
      .string('target_id', 64)
      .notNullable()
      .comment('The id of the endpoint or workflow it declares');
    table.string('owner_ref', 255).nullable();
    table.text('declaration').notNullable().comment('The parsed declaration');
    table.text('problems').notNullable().comment('What was left out, and why');
    table.string('hash', 64).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['target_id'], 'declarations_target_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('declarations');
  await knex.schema.dropTable('owner_directory');
  for (const name of ['endpoints', 'workflows']) {
    await knex.schema.alterTable(name, table => {
      table.dropIndex(['owner_ref'], `${name}_owner_ref_idx`);
    });
    await knex.schema.alterTable(name, table => {
      table.dropColumn('owner_rule');
      table.dropColumn('owner_ref');
    });
  }
};

const NAME = /^[a-z0-9]([-_.a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * The rules of src/ownership/ownerRules.ts that read nothing but the
 * owner, as they were when this migration was written: a migration must
 * give the same result whatever the code becomes.
 *
 * @param {string} owner
 * @returns {{ ref: string, rule: string } | undefined}
 */
function staticRef(owner) {
  const text = owner.trim().toLowerCase();
  const team = /^team:([^:/]+)$/.exec(text);
  if (team && NAME.test(team[1])) {
    return { ref: `group:default/${team[1]}`, rule: 'team' };
  }
  const ref = /^(group|user):(?:([^:/]+)\/)?([^:/]+)$/.exec(text);
  if (ref && NAME.test(ref[3]) && (!ref[2] || NAME.test(ref[2]))) {
    return {
      ref: `${ref[1]}:${ref[2] ?? 'default'}/${ref[3]}`,
      rule: 'entity-ref',
    };
  }
  return undefined;
}

/**
 * @param {import('knex').Knex} knex
 * @param {string} table
 */
async function backfill(knex, table) {
  const owners = await knex(table).whereNotNull('owner').distinct('owner');
  for (const { owner } of owners) {
    const resolved = staticRef(owner);
    if (!resolved) continue;
    await knex(table)
      .where({ owner })
      .update({ owner_ref: resolved.ref, owner_rule: resolved.rule });
  }
}
