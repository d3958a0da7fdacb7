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
 * Every permission the data platform defines, for registration with the
 * permission framework and for policies that want to match on all of them.
 *
 * @public
 */
export const dataPlatformPermissions = [
  dataPlatformMetadataReadPermission,
  dataPlatformAdminPermission,
];
