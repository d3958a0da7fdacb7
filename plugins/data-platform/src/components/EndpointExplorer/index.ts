export { EndpointExplorer } from './EndpointExplorer';
