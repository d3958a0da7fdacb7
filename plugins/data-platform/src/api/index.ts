export { dataPlatformApiRef } from './DataPlatformApi';
