import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  EndpointDetail,
  WorkflowDetail,
} from '@data-platform/plugin-data-platform-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataPlatformApiRef } from '../../api';
import { isNotFound } from '../NotFoundState';
import { AssetReference, assetReference } from './entityAnnotations';

/**
 * What the metadata service knows of the asset an entity names: nothing
 * to look up (no annotation), nothing observed yet (an entity declared
 * before its first run, or an id the service lost), or the asset.
 */
export type EntityAsset<T> =
  | { state: 'unannotated' }
  | { state: 'unobserved'; reference: AssetReference }
  | { state: 'found'; reference: AssetReference; asset: T };

type Kinds = { endpoint: EndpointDetail; workflow: WorkflowDetail };

/**
 * Loads the endpoint or workflow the current catalog entity stands for. An
 * OpenLineage identity is looked up through the list API's namespace and
 * name filters, which also find an endpoint by one of its aliases; the id
 * a hash of the identity would give misses those.
 */
export function useEntityAsset<K extends keyof Kinds>(kind: K) {
  const { entity } = useEntity();
  const api = useApi(dataPlatformApiRef);
  const reference = assetReference(entity, kind);
  const key = reference
    ? `${reference.id}\u0000${reference.namespace}\u0000${reference.name}`
    : '';

  return useAsyncRetry(async (): Promise<EntityAsset<Kinds[K]>> => {
    if (!reference) return { state: 'unannotated' };
    const get = (id: string) =>
      (kind === 'endpoint'
        ? api.getEndpoint(id)
        : api.getWorkflow(id)) as Promise<Kinds[K]>;
    let id = reference.id;
    if (!id) {
      const filters = {
        namespace: reference.namespace,
        name: reference.name,
        limit: 1,
      };
      const page =
        kind === 'endpoint'
          ? await api.listEndpoints(filters)
          : await api.listWorkflows(filters);
      id = page.items[0]?.id;
      if (!id) return { state: 'unobserved', reference };
    }
    try {
      return { state: 'found', reference, asset: await get(id) };
    } catch (error) {
      if (isNotFound(error as Error)) return { state: 'unobserved', reference };
      throw error;
    }
    // The reference is what the key spells out.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, kind, key]);
}
