/**
 * The data platform metadata service: a Backstage backend plugin that
 * ingests OpenLineage events and serves the read API behind the /data pages.
 *
 * @packageDocumentation
 */

export { dataPlatformPlugin as default } from './plugin';
