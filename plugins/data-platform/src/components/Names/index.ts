export { BreakableName, nameSegments, truncateMiddle } from './BreakableName';
