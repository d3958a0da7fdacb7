import { AuthService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  DataPlatformSearchDocument,
  dataPlatformMetadataReadPermission,
} from '@data-platform/plugin-data-platform-common';
import {
  DataPlatformService,
  pagesOf,
} from '@data-platform/plugin-data-platform-node';
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
 * endpoint's fields come with its page (`include=schema`), so a page is
 * one request.
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
    const { dataPlatform, pageSize } = this.options;
    // An endpoint's fields come with its page (include=schema).
    for await (const endpoints of pagesOf(async cursor =>
      dataPlatform.listEndpoints(
        { limit: pageSize, cursor, include: 'schema' },
        { credentials: await this.credentials() },
      ),
    )) {
      yield* endpoints.map(endpointDocument);
    }
    for await (const workflows of pagesOf(async cursor =>
      dataPlatform.listWorkflows(
        { limit: pageSize, cursor },
        { credentials: await this.credentials() },
      ),
    )) {
      yield* workflows.map(workflowDocument);
    }
  }

  private credentials() {
    return this.options.auth.getOwnServiceCredentials();
  }
}
