export { EndpointRoutes, WorkflowRoutes } from './DataPlatformRoutes';
