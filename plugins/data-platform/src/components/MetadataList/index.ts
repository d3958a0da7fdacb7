export { MetadataList } from './MetadataList';
export type { MetadataItem } from './MetadataList';
