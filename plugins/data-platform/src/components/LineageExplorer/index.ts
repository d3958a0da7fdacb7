export { LineageExplorer } from './LineageExplorer';
export { LineagePage } from './LineagePage';
export { LineageTab, useLineageHref } from './LineageTab';
