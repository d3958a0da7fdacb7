import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_OPENLINEAGE_NAME,
  ANNOTATION_OPENLINEAGE_NAMESPACE,
  DataPlatformDeclaration,
  parseDataPlatformDeclaration,
} from '@data-platform/plugin-data-platform-common';
import { DataPlatformService } from '@data-platform/plugin-data-platform-node';
import { isProviderEntity } from './readDeclarations';

// How long an answer of the metadata service about one identity is
// reused: entities are reprocessed every few minutes, and a declaration
// that names a new endpoint is found once its first event arrived.
const CACHE_TTL_MS = 5 * 60_000;
// Declarations are few; the bound only guards against a catalog full of
// them.
const CACHE_MAX = 10_000;

/**
 * Reports what is wrong with a team's declaration of an endpoint or
 * workflow (the OpenLineage annotations and the `spec.dataPlatform` block)
 * as processing errors of the declaring entity: each problem the parser
 * finds, with its path, and an identity the metadata service has not
 * observed. Other entities pass untouched. It never throws: a metadata
 * service that cannot be asked is logged and that check skipped, so an
 * outage does not turn every declaration into an error.
 */
export class DataPlatformDeclarationProcessor implements CatalogProcessor {
  private readonly observed = new Map<string, { at: number; value: boolean }>();

  constructor(
    private readonly options: {
      dataPlatform: DataPlatformService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  getProcessorName(): string {
    return 'DataPlatformDeclarationProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!declares(entity) || isProviderEntity(entity)) return entity;
    try {
      const { declaration, problems } = parseDataPlatformDeclaration(entity);
      for (const problem of problems) {
        emit(
          processingResult.inputError(
            location,
            `${problem.path}: ${problem.message}`,
          ),
        );
      }
      if (declaration && !(await this.isObserved(declaration))) {
        emit(
          processingResult.inputError(
            location,
            `metadata.annotations: no ${declaration.kind} ${declaration.namespace}/${declaration.name} has been observed by the data platform (check the OpenLineage namespace and name, or wait for its first event)`,
          ),
        );
      }
    } catch (error) {
      this.options.logger.warn(
        `Could not check the data platform declaration of ${entity.kind}:${
          entity.metadata.namespace ?? 'default'
        }/${entity.metadata.name}: ${error}`,
      );
    }
    return entity;
  }

  /** Whether the service has the identity; true when it cannot say. */
  private async isObserved(
    declaration: DataPlatformDeclaration,
  ): Promise<boolean> {
    const { kind, namespace, name } = declaration;
    const key = `${kind}\u0000${namespace}\u0000${name}`;
    const cached = this.observed.get(key);
    if (cached && Date.now() - cached.at < CACHE_TTL_MS) return cached.value;
    const { dataPlatform, auth, logger } = this.options;
    let value: boolean;
    try {
      const request = { credentials: await auth.getOwnServiceCredentials() };
      const filters = { namespace, name, limit: 1 };
      const page =
        kind === 'endpoint'
          ? await dataPlatform.listEndpoints(filters, request)
          : await dataPlatform.listWorkflows(filters, request);
      value = page.items.length > 0;
    } catch (error) {
      logger.warn(
        `Could not ask the data platform whether ${kind} ${namespace}/${name} was observed; not checked: ${error}`,
      );
      return true;
    }
    if (this.observed.size >= CACHE_MAX) this.observed.clear();
    this.observed.set(key, { at: Date.now(), value });
    return value;
  }
}

function declares(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return (
    annotations[ANNOTATION_OPENLINEAGE_NAMESPACE] !== undefined ||
    annotations[ANNOTATION_OPENLINEAGE_NAME] !== undefined ||
    (entity.spec as Record<string, unknown> | undefined)?.dataPlatform !==
      undefined
  );
}
