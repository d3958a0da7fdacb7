export { PartitionKey } from './PartitionKey';
