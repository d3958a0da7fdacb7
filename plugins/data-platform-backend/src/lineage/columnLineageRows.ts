import { ColumnLineageFact } from '../openlineage/facts';

type Row = Record<string, any>;

/**
 * A `column_lineage` row as the walk reads it: a columnLineage fact with
 * its optional text as stored (empty, not absent, for a facet without
 * transformations).
 */
export type ColumnLineageRow = Omit<
  ColumnLineageFact,
  'transformationType' | 'transformationSubtype'
> & { transformationType: string; transformationSubtype: string };

/** The primary key of `column_lineage`. */
export const COLUMN_LINEAGE_KEY = [
  'endpoint_id',
  'field',
  'input_namespace',
  'input_name',
  'input_field',
  'transformation_type',
  'transformation_subtype',
];

/** The row a fact is stored as, observed at `updatedAt`. */
export function columnLineageRow(fact: ColumnLineageFact, updatedAt: Date) {
  return {
    endpoint_id: fact.endpointId,
    field: fact.field,
    input_namespace: fact.inputNamespace,
    input_name: fact.inputName,
    input_field: fact.inputField,
    transformation_type: fact.transformationType ?? '',
    transformation_subtype: fact.transformationSubtype ?? '',
    transformation_description: fact.transformationDescription ?? null,
    masking: fact.masking ?? null,
    updated_at: updatedAt,
  };
}

/** A stored row read back. */
export function readColumnLineageRow(row: Row): ColumnLineageRow {
  return {
    endpointId: row.endpoint_id,
    field: row.field,
    inputNamespace: row.input_namespace,
    inputName: row.input_name,
    inputField: row.input_field,
    transformationType: row.transformation_type ?? '',
    transformationSubtype: row.transformation_subtype ?? '',
    transformationDescription: row.transformation_description ?? undefined,
    masking:
      row.masking === null || row.masking === undefined
        ? undefined
        : Boolean(row.masking),
  };
}
