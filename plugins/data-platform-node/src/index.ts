/**
 * Extension points for backend modules of the data platform metadata
 * service.
 *
 * @packageDocumentation
 */

export * from './extensions';
export * from './startupGate';
