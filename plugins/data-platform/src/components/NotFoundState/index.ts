export { isNotFound, NotFoundState } from './NotFoundState';
export { EntityLoader } from './EntityLoader';
