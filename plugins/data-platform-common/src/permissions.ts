import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read access to the metadata the service holds: endpoints, workflows, runs,
 * lineage and the ingestion log.
 *
 * @public
 */
export const dataPlatformMetadataReadPermission = createPermission({
  name: 'data-platform.metadata.read',
  attributes: { action: 'read' },
});

/**
 * Administration of the metadata service, such as replaying the raw event
 * log.
 *
 * @public
 */
export const dataPlatformAdminPermission = createPermission({
  name: 'data-platform.admin',
  attributes: { action: 'update' },
});

/**
 * Reading the raw event log and the dead letters (`GET /v1/events`,
 * `GET /v1/dead-letters`): events exactly as producers sent them, which may
 * carry SQL, source code, environment facets or whatever a broken client
 * posted. Kept apart from `data-platform.metadata.read` so that a policy can
 * grant it to administrators only, or to whoever debugs producers.
 *
 * @public
 */
export const dataPlatformEventsReadPermission = createPermission({
  name: 'data-platform.events.read',
  attributes: { action: 'read' },
});

/**
 * Sending OpenLineage events to the ingestion routes. Service principals
 * only; a runtime's token is restricted to this permission through
 * `accessRestrictions`, so it can ingest and do nothing else.
 *
 * @public
 */
export const dataPlatformEventsCreatePermission = createPermission({
  name: 'data-platform.events.create',
  attributes: { action: 'create' },
});

/**
 * Every permission the data platform defines, for registration with the
 * permission framework and for policies that want to match on all of them.
 *
 * @public
 */
export const dataPlatformPermissions = [
  dataPlatformMetadataReadPermission,
  dataPlatformAdminPermission,
  dataPlatformEventsReadPermission,
  dataPlatformEventsCreatePermission,
];
