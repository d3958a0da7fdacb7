import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { DataPlatformService } from '@data-platform/plugin-data-platform-node';
import { ProviderConfig } from '../config/readProviderConfig';
import {
  EntityOptions,
  endpointEntity,
  workflowEntity,
} from '../entities/dataPlatformEntities';

/** The scheduler task that syncs the catalog with the metadata service. */
export const PROVIDER_TASK_ID = 'catalog-data-platform-provider:refresh';

// Detail requests in flight at once, within one page.
const DETAIL_CONCURRENCY = 5;

type Page<T> = { items: T[]; nextCursor?: string };

/**
 * Puts the metadata service's endpoints (API entities) and workflows
 * (Component entities) into the catalog. Each run pages through both lists,
 * fetches each item's detail (an endpoint's schema, a workflow's current
 * inputs and outputs) and replaces everything the provider put in the
 * catalog before with one full mutation. A run that fails part way applies
 * nothing, so the catalog keeps the previous run's entities.
 *
 * Memory: the pages and details are dropped as they are turned into
 * entities, but a full mutation takes the whole list, so one run holds
 * every entity it emits at once (a few kilobytes each, most of it an
 * endpoint's schema).
 */
export class DataPlatformEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: {
      config: ProviderConfig;
      dataPlatform: DataPlatformService;
      auth: AuthService;
      scheduler: SchedulerService;
      logger: LoggerService;
    },
  ) {}

  getProviderName(): string {
    return 'data-platform';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.scheduler.scheduleTask({
      id: PROVIDER_TASK_ID,
      ...this.options.config.schedule,
      fn: async () => {
        await this.refresh();
      },
    });
  }

  /** One sync: reads the metadata service and applies a full mutation. */
  async refresh(): Promise<{ endpoints: number; workflows: number }> {
    const connection = this.connection;
    if (!connection) {
      throw new Error('The data platform entity provider is not connected');
    }
    const { config, dataPlatform, auth, logger } = this.options;
    const included = config.namespaces && new Set(config.namespaces);
    const options: EntityOptions = {
      lifecycle: config.lifecycle,
      appBaseUrl: config.appBaseUrl,
      includesNamespace: namespace => !included || included.has(namespace),
    };
    const request = { credentials: await auth.getOwnServiceCredentials() };

    const entities: Entity[] = [];
    let endpoints = 0;
    for await (const endpoint of this.details(
      this.pages(filters => dataPlatform.listEndpoints(filters, request)),
      id => dataPlatform.getEndpoint(id, request),
    )) {
      entities.push(endpointEntity(endpoint, options));
      endpoints += 1;
    }
    let workflows = 0;
    for await (const workflow of this.details(
      this.pages(filters => dataPlatform.listWorkflows(filters, request)),
      id => dataPlatform.getWorkflow(id, request),
    )) {
      entities.push(workflowEntity(workflow, options));
      workflows += 1;
    }

    await connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    logger.info(
      `Put ${endpoints} endpoints and ${workflows} workflows of the data platform into the catalog`,
    );
    return { endpoints, workflows };
  }

  /**
   * Every page of a list, once per included namespace (the lists filter by
   * exact namespace) or once for all of them.
   */
  private async *pages<T>(
    list: (filters: {
      namespace?: string;
      limit: number;
      cursor?: string;
    }) => Promise<Page<T>>,
  ): AsyncGenerator<T[]> {
    const namespaces: (string | undefined)[] = this.options.config
      .namespaces ?? [undefined];
    for (const namespace of namespaces) {
      let cursor: string | undefined;
      do {
        const page = await list({
          namespace,
          limit: this.options.config.pageSize,
          cursor,
        });
        yield page.items;
        cursor = page.nextCursor;
      } while (cursor);
    }
  }

  /**
   * The detail of every listed item, a few requests at a time. An item
   * deleted between its page and its detail (404) is skipped; any other
   * failure fails the run.
   */
  private async *details<T extends { id: string }, D>(
    pages: AsyncIterable<T[]>,
    get: (id: string) => Promise<D>,
  ): AsyncGenerator<D> {
    for await (const items of pages) {
      for (let i = 0; i < items.length; i += DETAIL_CONCURRENCY) {
        const chunk = items.slice(i, i + DETAIL_CONCURRENCY);
        const found = await Promise.all(
          chunk.map(item =>
            get(item.id).catch(error => {
              if (
                error instanceof ResponseError &&
                error.response.status === 404
              ) {
                return undefined;
              }
              throw error;
            }),
          ),
        );
        for (const detail of found) if (detail !== undefined) yield detail;
      }
    }
  }
}
