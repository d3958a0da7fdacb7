import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { Platform, orgEntities } from '@data-platform/runtime-simulator';

const LOCATION = 'data-platform-demo:runtime-simulator';

/**
 * The demo platform's teams and their members as catalog Groups and Users,
 * so that the owners the simulated events name resolve to entities. With
 * the demo off it provides nothing, which removes what it provided before.
 */
export class SimulatedOrgProvider implements EntityProvider {
  constructor(private readonly platform: Platform | undefined) {}

  getProviderName(): string {
    return 'data-platform-demo-org';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    const entities = this.platform ? orgEntities(this.platform) : [];
    await connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        locationKey: LOCATION,
        entity: {
          ...entity,
          metadata: {
            ...entity.metadata,
            annotations: {
              ...entity.metadata.annotations,
              [ANNOTATION_LOCATION]: LOCATION,
              [ANNOTATION_ORIGIN_LOCATION]: LOCATION,
            },
          },
        },
      })),
    });
  }
}
