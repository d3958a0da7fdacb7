export { DataPlatformPage } from './DataPlatformPage';
