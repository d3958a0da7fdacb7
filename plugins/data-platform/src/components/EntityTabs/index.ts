export { EntityTabs } from './EntityTabs';
export type { EntityTab } from './EntityTabs';
