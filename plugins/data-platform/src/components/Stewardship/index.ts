export { StewardshipContent } from './StewardshipContent';
