import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { IngestionCounts, MetadataStore } from './MetadataStore';

const migrationsDir = resolvePackagePath(
  '@data-platform/plugin-data-platform-backend',
  'migrations',
);

/**
 * The knex implementation of {@link MetadataStore}, on SQLite locally and
 * PostgreSQL in production.
 */
export class DatabaseMetadataStore implements MetadataStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseMetadataStore> {
    const { database } = options;
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseMetadataStore(client);
  }

  readonly databaseClient: string;

  private constructor(private readonly db: Knex) {
    this.databaseClient = String(db.client.config.client);
  }

  async ping(): Promise<void> {
    await this.db.raw('select 1');
  }

  async getIngestionCounts(): Promise<IngestionCounts> {
    const [accepted, rejected] = await Promise.all([
      this.db('raw_events')
        .count({ count: '*' })
        .max({ last: 'received_at' })
        .first(),
      this.db('dead_letters').count({ count: '*' }).first(),
    ]);
    return {
      acceptedEvents: Number(accepted?.count ?? 0),
      rejectedEvents: Number(rejected?.count ?? 0),
      lastEventAt: accepted?.last ? toDate(accepted.last) : undefined,
    };
  }
}

// PostgreSQL hands timestamps back as Date objects; SQLite as epoch
// milliseconds or as CURRENT_TIMESTAMP text, which is UTC without a zone.
function toDate(value: unknown): Date {
  if (value instanceof Date) {
    return value;
  }
  if (typeof value === 'number') {
    return new Date(value);
  }
  const text = String(value);
  return new Date(
    /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(text)
      ? `${text.replace(' ', 'T')}Z`
      : text,
  );
}
