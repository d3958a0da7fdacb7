export { WorkflowPage } from './WorkflowPage';
export { RunsTab } from './RunsTab';
export { WorkflowOverviewTab } from './WorkflowOverviewTab';
