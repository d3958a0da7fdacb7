export { EndpointPage } from './EndpointPage';
export { EndpointOverviewTab } from './EndpointOverviewTab';
export { PartitionsTab } from './PartitionsTab';
export { SchemaFieldTree } from './SchemaFieldTree';
export { SchemaTab } from './SchemaTab';
