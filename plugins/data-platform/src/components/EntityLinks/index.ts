export {
  EndpointLink,
  EntityLinkList,
  RunLink,
  shortRunId,
  useEndpointHref,
  useExplorerHrefs,
  useRunHref,
  useWorkflowHref,
  WorkflowLink,
} from './EntityLinks';
