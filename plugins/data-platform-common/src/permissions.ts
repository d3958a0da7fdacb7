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
 * Every permission the data platform defines, for registration with the
 * permission framework and for policies that want to match on all of them.
 *
 * @public
 */
export const dataPlatformPermissions = [dataPlatformMetadataReadPermission];
