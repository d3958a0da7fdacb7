/**
 * The contract of the metadata service's HTTP API. The router validates
 * requests against it and serves it at `/api/data-platform/openapi.json`;
 * the types in `@data-platform/plugin-data-platform-common` follow it.
 *
 * Kept as a TypeScript constant, not a YAML file, so that the typed router
 * can infer request and response types from it.
 */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'data-platform',
    version: '1',
    description:
      'The data platform metadata service: OpenLineage ingestion and the read API behind the /data pages.',
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [{ url: '/' }],
  components: {
    securitySchemes: {
      JWT: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error', 'response'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: { type: 'string' },
              message: { type: 'string' },
            },
            additionalProperties: {},
          },
          response: {
            type: 'object',
            required: ['statusCode'],
            properties: { statusCode: { type: 'number' } },
          },
        },
        additionalProperties: {},
      },
      HealthCheckResult: {
        type: 'object',
        required: ['name', 'status'],
        properties: {
          name: { type: 'string' },
          status: { type: 'string', enum: ['ok', 'failing'] },
          message: { type: 'string' },
        },
        additionalProperties: false,
      },
      HealthStatus: {
        type: 'object',
        required: ['status', 'checks'],
        properties: {
          status: { type: 'string', enum: ['ok', 'degraded'] },
          checks: {
            type: 'array',
            items: { $ref: '#/components/schemas/HealthCheckResult' },
          },
        },
        additionalProperties: false,
      },
      Overview: {
        type: 'object',
        required: ['databaseClient', 'ingestion'],
        properties: {
          databaseClient: { type: 'string' },
          ingestion: {
            type: 'object',
            required: ['acceptedEvents', 'rejectedEvents'],
            properties: {
              acceptedEvents: { type: 'integer', minimum: 0 },
              rejectedEvents: { type: 'integer', minimum: 0 },
              lastEventAt: { type: 'string', format: 'date-time' },
            },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    },
    responses: {
      ErrorResponse: {
        description: 'An error response from the backend.',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Error' },
          },
        },
      },
    },
  },
  security: [{}, { JWT: [] }],
  paths: {
    '/health': {
      get: {
        operationId: 'GetHealth',
        description:
          'Whether the metadata service can serve requests, with the result of each check (the database and any registered by backend modules). Answers 503 when a check fails.',
        responses: {
          '200': {
            description: 'All checks pass.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/HealthStatus' },
              },
            },
          },
          '503': {
            description: 'At least one check fails.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/HealthStatus' },
              },
            },
          },
          default: { $ref: '#/components/responses/ErrorResponse' },
        },
      },
    },
    '/v1/overview': {
      get: {
        operationId: 'GetOverview',
        description:
          'What the metadata service holds at a glance: the database engine and the ingestion counters.',
        responses: {
          '200': {
            description: 'The overview.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Overview' },
              },
            },
          },
          default: { $ref: '#/components/responses/ErrorResponse' },
        },
      },
    },
  },
} as const;
