export { WorkflowExplorer } from './WorkflowExplorer';
