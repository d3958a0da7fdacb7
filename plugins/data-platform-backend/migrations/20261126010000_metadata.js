// @ts-check

/**
 * What the service derives from the raw log: endpoints (datasets), their
 * schema versions and aliases, workflows (jobs), runs and what they read and
 * wrote, partitions, column lineage and data quality results.
 *
 * Every timestamp is an event time, never the time of processing, so that
 * replaying the raw log reproduces the same rows. JSON documents are text
 * for SQLite and PostgreSQL alike.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('endpoints', table => {
    table.comment(
      'Endpoints: OpenLineage datasets, keyed by (namespace, name)',
    );
    table.string('id', 32).primary();
    table.text('namespace').notNullable();
    table.text('name').notNullable();
    table.text('description').nullable();
    table.string('owner', 255).nullable();
    table.text('tags').notNullable().defaultTo('[]').comment('JSON array');
    table.text('storage').nullable().comment('JSON: storageLayer, fileFormat');
    table.text('data_source').nullable().comment('JSON: name, uri');
    table
      .text('attributes')
      .notNullable()
      .defaultTo('{}')
      .comment('JSON: each attribute with the event time it came from');
    table.string('schema_hash', 64).nullable().comment('The current version');
    table.timestamp('schema_time', { useTz: true }).nullable();
    table.integer('field_count').notNullable().defaultTo(0);
    table.text('last_partition_key').nullable();
    table.timestamp('last_partition_at', { useTz: true }).nullable();
    table
      .text('field_names')
      .notNullable()
      .defaultTo('')
      .comment('Lower-cased dotted paths of the current fields, for q=');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['namespace', 'name'], {
      indexName: 'endpoints_namespace_name_uq',
    });
    table.index(['owner'], 'endpoints_owner_idx');
  });

  await knex.schema.createTable('endpoint_aliases', table => {
    table.comment('Other identities of an endpoint, from the symlinks facet');
    table.text('namespace').notNullable();
    table.text('name').notNullable();
    table.string('endpoint_id', 32).notNullable();
    table.string('type', 64).nullable();
    table.primary(['namespace', 'name']);
    table.index(['endpoint_id'], 'endpoint_aliases_endpoint_idx');
  });

  await knex.schema.createTable('schema_versions', table => {
    table.comment('Distinct schemas an endpoint has had; one row per change');
    table.string('endpoint_id', 32).notNullable();
    table.string('hash', 64).notNullable();
    table.text('fields').notNullable().comment('JSON array of fields');
    table.integer('field_count').notNullable();
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table.string('first_run_id', 255).nullable();
    table.primary(['endpoint_id', 'hash']);
  });

  await knex.schema.createTable('workflows', table => {
    table.comment('Workflows: OpenLineage jobs, keyed by (namespace, name)');
    table.string('id', 32).primary();
    table.text('namespace').notNullable();
    table.text('name').notNullable();
    table.text('description').nullable();
    table.string('owner', 255).nullable();
    table.text('tags').notNullable().defaultTo('[]');
    table.text('sql').nullable();
    table.string('sql_dialect', 64).nullable();
    table.text('source_code_location').nullable().comment('JSON');
    table.text('job_type').nullable().comment('JSON');
    table.text('parent_namespace').nullable();
    table.text('parent_name').nullable();
    table
      .text('attributes')
      .notNullable()
      .defaultTo('{}')
      .comment('JSON: each attribute with the event time it came from');
    table
      .timestamp('job_io_time', { useTz: true })
      .nullable()
      .comment('Event time of the JobEvent behind workflow_io');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['namespace', 'name'], {
      indexName: 'workflows_namespace_name_uq',
    });
    table.index(['owner'], 'workflows_owner_idx');
  });

  await knex.schema.createTable('workflow_io', table => {
    table.comment('Inputs and outputs a JobEvent declared for a workflow');
    table.string('workflow_id', 32).notNullable();
    table.string('endpoint_id', 32).notNullable();
    table.string('direction', 8).notNullable().comment('input or output');
    table.primary(['workflow_id', 'endpoint_id', 'direction']);
    table.index(['endpoint_id'], 'workflow_io_endpoint_idx');
  });

  await knex.schema.createTable('runs', table => {
    table.comment('Runs: one execution of a workflow');
    table.string('run_id', 255).primary();
    table.string('workflow_id', 32).notNullable();
    table.string('state', 16).notNullable();
    table.integer('state_rank').notNullable();
    table.string('state_event_type', 16).notNullable();
    table.timestamp('state_time', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.timestamp('nominal_start', { useTz: true }).nullable();
    table.timestamp('nominal_end', { useTz: true }).nullable();
    table.text('error_message').nullable();
    table.string('parent_run_id', 255).nullable();
    table.text('parent_namespace').nullable();
    table.text('parent_name').nullable();
    table.text('facets').notNullable().defaultTo('{}');
    table
      .text('attributes')
      .notNullable()
      .defaultTo('{}')
      .comment('JSON: each attribute with the event time it came from');
    table
      .timestamp('sort_time', { useTz: true })
      .notNullable()
      .comment('Nominal start, else start, else first event: orders runs');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['workflow_id', 'sort_time'], 'runs_workflow_sort_idx');
    table.index(
      ['workflow_id', 'state', 'ended_at'],
      'runs_workflow_state_idx',
    );
  });

  await knex.schema.createTable('run_io', table => {
    table.comment('What each run read (input) and wrote (output)');
    table.string('run_id', 255).notNullable();
    table.string('endpoint_id', 32).notNullable();
    table.string('direction', 8).notNullable();
    table.primary(['run_id', 'endpoint_id', 'direction']);
    table.index(['endpoint_id', 'direction'], 'run_io_endpoint_idx');
  });

  await knex.schema.createTable('partitions', table => {
    table.comment('The slice of an endpoint one run produced');
    table.string('endpoint_id', 32).notNullable();
    table.text('partition_key').notNullable();
    table.string('run_id', 255).notNullable();
    table.string('workflow_id', 32).notNullable();
    table.timestamp('nominal_start', { useTz: true }).nullable();
    table.timestamp('nominal_end', { useTz: true }).nullable();
    table.timestamp('landed_at', { useTz: true }).notNullable();
    table.bigInteger('row_count').nullable();
    table.bigInteger('bytes').nullable();
    table.integer('file_count').nullable();
    table.primary(['endpoint_id', 'partition_key', 'run_id']);
    table.index(['endpoint_id', 'landed_at'], 'partitions_endpoint_landed_idx');
  });

  await knex.schema.createTable('column_lineage', table => {
    table.comment('Field-level lineage from the columnLineage facet');
    table.string('endpoint_id', 32).notNullable();
    table.text('field').notNullable().comment('Empty for dataset-level');
    table.text('input_namespace').notNullable();
    table.text('input_name').notNullable();
    table.text('input_field').notNullable();
    table.string('transformation_type', 32).notNullable().defaultTo('');
    table.string('transformation_subtype', 64).notNullable().defaultTo('');
    table.text('transformation_description').nullable();
    table.boolean('masking').nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary([
      'endpoint_id',
      'field',
      'input_namespace',
      'input_name',
      'input_field',
      'transformation_type',
      'transformation_subtype',
    ]);
  });

  await knex.schema.createTable('quality_assertions', table => {
    table.comment('Data quality assertion results, per run');
    table.string('endpoint_id', 32).notNullable();
    table.string('run_id', 255).notNullable().comment('Empty without a run');
    table.text('assertion').notNullable();
    table.text('column_name').notNullable();
    table.boolean('success').notNullable();
    table.timestamp('observed_at', { useTz: true }).notNullable();
    table.primary(['endpoint_id', 'run_id', 'assertion', 'column_name']);
    table.index(
      ['endpoint_id', 'observed_at'],
      'quality_assertions_endpoint_idx',
    );
  });

  await knex.schema.createTable('quality_metrics', table => {
    table.comment('Data quality metrics, per run');
    table.string('endpoint_id', 32).notNullable();
    table.string('run_id', 255).notNullable();
    table.bigInteger('row_count').nullable();
    table.bigInteger('bytes').nullable();
    table.integer('file_count').nullable();
    table.text('column_metrics').notNullable().defaultTo('{}');
    table.timestamp('observed_at', { useTz: true }).notNullable();
    table.primary(['endpoint_id', 'run_id']);
  });

  await knex.schema.alterTable('raw_events', table => {
    table.index(['job_namespace', 'job_name'], 'raw_events_job_idx');
  });
  // Run ids need not be UUIDs; SQLite does not enforce varchar lengths.
  if (knex.client.config.client === 'pg') {
    await knex.schema.alterTable('raw_events', table => {
      table.string('run_id', 255).nullable().alter();
    });
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('raw_events', table => {
    table.dropIndex(['job_namespace', 'job_name'], 'raw_events_job_idx');
  });
  for (const table of [
    'quality_metrics',
    'quality_assertions',
    'column_lineage',
    'partitions',
    'run_io',
    'runs',
    'workflow_io',
    'workflows',
    'schema_versions',
    'endpoint_aliases',
    'endpoints',
  ]) {
    await knex.schema.dropTable(table);
  }
};
