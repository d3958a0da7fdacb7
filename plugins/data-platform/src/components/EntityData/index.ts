export {
  EntityEndpointContent,
  EntityWorkflowContent,
} from './EntityEndpointContent';
export {
  EntityEndpointCard,
  EntityEndpointLineageCard,
  EntityEndpointSchemaCard,
} from './EntityEndpointCards';
export {
  isDataPlatformDataset,
  isDataPlatformPipeline,
} from './entityAnnotations';
