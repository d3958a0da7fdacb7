export { EntityHeader } from './EntityHeader';
