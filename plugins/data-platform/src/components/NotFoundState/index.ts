export { isNotFound, NotFoundState } from './NotFoundState';
