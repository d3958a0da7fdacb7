export * from './annotations';
export {
  DATA_CLASSIFICATIONS,
  parseDataPlatformDeclaration,
} from './parseDeclaration';
export type {
  DataClassification,
  DataPlatformDeclaration,
  DeclarationProblem,
  DeclaringEntity,
  PartitionCadence,
} from './parseDeclaration';
