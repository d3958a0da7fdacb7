export { EntityOverviewCards } from './EntityOverviewCards';
export type { LineageSection } from './EntityOverviewCards';
export { identityItems, seenItems, tagsItem } from './aboutItems';
