import { AuthService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  DataPlatformSearchDocument,
  dataPlatformMetadataReadPermission,
  EndpointDetail,
  EndpointSummary,
} from '@data-platform/plugin-data-platform-common';
import { DataPlatformService } from '@data-platform/plugin-data-platform-node';
import { Readable } from 'node:stream';
import { CollatorOptions, readCollatorConfigOptions } from './config';
import {
  DATA_PLATFORM_SEARCH_TYPE,
  endpointDocument,
  workflowDocument,
} from './documents';

/**
 * Collates the data platform's endpoints and workflows, all of them,
 * catalogued or not, from the metadata service's read API: page by page,
 * so that memory holds one page whatever the platform's size. An
 * endpoint's fields come from its detail (the list does not carry them),
 * a few requests at a time.
 */
export class DataPlatformCollatorFactory implements DocumentCollatorFactory {
  readonly type = DATA_PLATFORM_SEARCH_TYPE;
  // Results are shown to whoever may read the metadata, as the read API is.
  readonly visibilityPermission = dataPlatformMetadataReadPermission;

  static fromConfig(
    config: Config,
    options: { auth: AuthService; dataPlatform: DataPlatformService },
  ) {
    return new DataPlatformCollatorFactory({
      ...options,
      ...readCollatorConfigOptions(config),
    });
  }

  private constructor(
    private readonly options: CollatorOptions & {
      auth: AuthService;
      dataPlatform: DataPlatformService;
    },
  ) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  async *execute(): AsyncGenerator<DataPlatformSearchDocument> {
    yield* this.endpoints();
    yield* this.workflows();
  }

  private async *endpoints(): AsyncGenerator<DataPlatformSearchDocument> {
    const { dataPlatform, pageSize } = this.options;
    let cursor: string | undefined;
    do {
      const credentials = await this.credentials();
      const page = await dataPlatform.listEndpoints(
        { limit: pageSize, cursor },
        { credentials },
      );
      for (const endpoint of await this.details(page.items)) {
        if (endpoint) yield endpointDocument(endpoint);
      }
      cursor = page.nextCursor;
    } while (cursor);
  }

  private async *workflows(): AsyncGenerator<DataPlatformSearchDocument> {
    const { dataPlatform, pageSize } = this.options;
    let cursor: string | undefined;
    do {
      const page = await dataPlatform.listWorkflows(
        { limit: pageSize, cursor },
        { credentials: await this.credentials() },
      );
      yield* page.items.map(workflowDocument);
      cursor = page.nextCursor;
    } while (cursor);
  }

  /**
   * The details of a page's endpoints, in its order, at most `concurrency`
   * requests at a time. An endpoint gone since the list (a replay clears
   * and rebuilds them) is left out, until the next run.
   */
  private async details(
    endpoints: EndpointSummary[],
  ): Promise<(EndpointDetail | undefined)[]> {
    const { dataPlatform, concurrency } = this.options;
    const credentials = await this.credentials();
    const results: (EndpointDetail | undefined)[] = new Array(endpoints.length);
    let next = 0;
    const worker = async () => {
      while (next < endpoints.length) {
        const index = next++;
        try {
          results[index] = await dataPlatform.getEndpoint(endpoints[index].id, {
            credentials,
          });
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(concurrency, endpoints.length) }, worker),
    );
    return results;
  }

  private credentials() {
    return this.options.auth.getOwnServiceCredentials();
  }
}

// The client throws a ResponseError carrying the answer's status.
function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: unknown } | undefined)?.statusCode === 404;
}
