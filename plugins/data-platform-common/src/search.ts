/**
 * The search document type under which the data platform's endpoints and
 * workflows are indexed (`@data-platform/plugin-search-backend-module-data-platform`),
 * and which the frontend's search result item renders.
 *
 * @public
 */
export const DATA_PLATFORM_SEARCH_TYPE = 'data-platform';

/**
 * One endpoint or workflow in the search index. `title` is its name,
 * `text` what is searched besides (its short name, description, namespace,
 * owner, tags and, for endpoints, the names and descriptions of the current
 * schema's fields), `location` its page under `/data`.
 *
 * @public
 */
export type DataPlatformSearchDocument = {
  title: string;
  text: string;
  location: string;
  kind: 'endpoint' | 'workflow';
  /** The endpoint's or workflow's id in the metadata service. */
  id: string;
  namespace: string;
  name: string;
  /** The last dotted segment of the name: `daily_plays` of `warehouse.analytics.daily_plays`. */
  shortName: string;
  /** The owning team's entity ref, when one is known. */
  owner?: string;
  tags: string[];
  /** Field paths of the current schema (`address.city` for nested fields); empty for workflows. */
  fields: string[];
};
