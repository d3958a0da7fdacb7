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
  dataPlatformEventsCreatePermission,
];
