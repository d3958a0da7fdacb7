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
      'The data platform metadata service: OpenLineage ingestion and the read API behind the /data pages. Every route needs a Backstage token; ingestion takes service principals only.',
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  components: {
    securitySchemes: {
      JWT: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      },
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
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
            additionalProperties: {},
          },
          response: {
            type: 'object',
            required: ['statusCode'],
            properties: {
              statusCode: {
                type: 'number',
              },
            },
          },
        },
        additionalProperties: {},
      },
      HealthCheckResult: {
        type: 'object',
        properties: {
          name: {
            type: 'string',
          },
          status: {
            type: 'string',
            enum: ['ok', 'failing'],
          },
          message: {
            type: 'string',
          },
        },
        required: ['name', 'status'],
        additionalProperties: false,
      },
      HealthStatus: {
        type: 'object',
        properties: {
          status: {
            type: 'string',
            enum: ['ok', 'degraded'],
          },
          checks: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/HealthCheckResult',
            },
          },
        },
        required: ['status', 'checks'],
        additionalProperties: false,
      },
      DerivationStatus: {
        type: 'object',
        description:
          'Accepted events on their way into endpoints, workflows and runs. In `background` mode ingestion queues events and a worker applies them shortly after; `inline` applies them in the request.',
        properties: {
          mode: {
            type: 'string',
            enum: ['background', 'inline'],
          },
          backlog: {
            type: 'integer',
            minimum: 0,
            description: 'Accepted events not applied yet.',
          },
          replaying: {
            type: 'integer',
            minimum: 0,
            description:
              "Of the backlog, the events a replay queued: the replay's progress. They do not count against ingestion's backlog limit.",
          },
          failed: {
            type: 'integer',
            minimum: 0,
            description:
              'Events set aside because their derivation failed (GET /v1/derivation/failed lists them); they wait for a fix and a replay.',
          },
          oldestQueuedAt: {
            type: 'string',
            format: 'date-time',
            description: 'When the oldest waiting event was accepted.',
          },
          replay: {
            type: 'object',
            description:
              'A replay clearing derived state or queuing the raw log; absent once it has queued everything.',
            properties: {
              startedAt: { type: 'string', format: 'date-time' },
              phase: { type: 'string', enum: ['clearing', 'queuing'] },
            },
            required: ['startedAt', 'phase'],
            additionalProperties: false,
          },
        },
        required: ['mode', 'backlog', 'replaying', 'failed'],
        additionalProperties: false,
      },
      FailedDerivation: {
        type: 'object',
        description:
          'An accepted event set aside because deriving it failed (a derivation bug, not bad input). It stays in the raw log; a replay after a fix derives it again.',
        properties: {
          rawEventId: {
            type: 'string',
            description: 'The id of the raw event, as in GET /v1/events.',
          },
          receivedAt: { type: 'string', format: 'date-time' },
          eventKind: { type: 'string' },
          eventType: { type: 'string' },
          eventTime: { type: 'string', format: 'date-time' },
          runId: { type: 'string' },
          job: {
            type: 'object',
            properties: {
              namespace: { type: 'string' },
              name: { type: 'string' },
            },
            required: ['namespace', 'name'],
            additionalProperties: false,
          },
          error: { type: 'string', description: 'What derivation raised.' },
          failedAt: { type: 'string', format: 'date-time' },
        },
        required: [
          'rawEventId',
          'receivedAt',
          'eventKind',
          'error',
          'failedAt',
        ],
        additionalProperties: false,
      },
      Overview: {
        type: 'object',
        properties: {
          databaseClient: {
            type: 'string',
          },
          ingestion: {
            type: 'object',
            properties: {
              acceptedEvents: {
                type: 'integer',
                minimum: 0,
              },
              rejectedEvents: {
                type: 'integer',
                minimum: 0,
              },
              lastEventAt: {
                type: 'string',
                format: 'date-time',
              },
              derivation: {
                $ref: '#/components/schemas/DerivationStatus',
              },
            },
            required: ['acceptedEvents', 'rejectedEvents', 'derivation'],
            additionalProperties: false,
          },
          counts: {
            type: 'object',
            properties: {
              endpoints: {
                type: 'integer',
              },
              workflows: {
                type: 'integer',
              },
              runs: {
                type: 'integer',
              },
            },
            required: ['endpoints', 'workflows', 'runs'],
            additionalProperties: false,
          },
        },
        required: ['databaseClient', 'ingestion', 'counts'],
        additionalProperties: false,
      },
      EntityReference: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          namespace: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
        },
        required: ['id', 'namespace', 'name'],
        additionalProperties: false,
      },
      SchemaField: {
        type: 'object',
        properties: {
          name: {
            type: 'string',
          },
          type: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          fields: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SchemaField',
            },
          },
        },
        required: ['name'],
        additionalProperties: false,
      },
      Partition: {
        type: 'object',
        properties: {
          endpoint: {
            $ref: '#/components/schemas/EntityReference',
          },
          endpointId: {
            type: 'string',
          },
          key: {
            type: 'string',
          },
          runId: {
            type: 'string',
          },
          workflow: {
            $ref: '#/components/schemas/EntityReference',
          },
          nominalStartTime: {
            type: 'string',
            format: 'date-time',
          },
          nominalEndTime: {
            type: 'string',
            format: 'date-time',
          },
          landedAt: {
            type: 'string',
            format: 'date-time',
          },
          rowCount: {
            type: 'number',
          },
          bytes: {
            type: 'number',
          },
          fileCount: {
            type: 'number',
          },
        },
        required: [
          'endpoint',
          'endpointId',
          'key',
          'runId',
          'workflow',
          'landedAt',
        ],
        additionalProperties: false,
      },
      EndpointSummary: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          namespace: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          tags: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          fieldCount: {
            type: 'integer',
          },
          schemaVersion: {
            type: 'integer',
          },
          lastPartition: {
            type: 'object',
            properties: {
              key: {
                type: 'string',
              },
              landedAt: {
                type: 'string',
                format: 'date-time',
              },
            },
            required: ['key', 'landedAt'],
            additionalProperties: false,
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'id',
          'namespace',
          'name',
          'tags',
          'fieldCount',
          'createdAt',
          'updatedAt',
        ],
        additionalProperties: true,
      },
      EndpointDetail: {
        allOf: [
          {
            $ref: '#/components/schemas/EndpointSummary',
          },
          {
            type: 'object',
            required: ['aliases', 'partitions', 'producers', 'consumers'],
            properties: {
              aliases: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    namespace: {
                      type: 'string',
                    },
                    name: {
                      type: 'string',
                    },
                    type: {
                      type: 'string',
                    },
                  },
                  required: ['namespace', 'name'],
                  additionalProperties: false,
                },
              },
              storage: {
                type: 'object',
                properties: {
                  storageLayer: {
                    type: 'string',
                  },
                  fileFormat: {
                    type: 'string',
                  },
                },
                additionalProperties: false,
              },
              dataSource: {
                type: 'object',
                properties: {
                  name: {
                    type: 'string',
                  },
                  uri: {
                    type: 'string',
                  },
                },
                additionalProperties: false,
              },
              schema: {
                type: 'object',
                properties: {
                  version: {
                    type: 'integer',
                  },
                  fields: {
                    type: 'array',
                    items: {
                      $ref: '#/components/schemas/SchemaField',
                    },
                  },
                  createdAt: {
                    type: 'string',
                    format: 'date-time',
                  },
                },
                required: ['version', 'fields', 'createdAt'],
                additionalProperties: false,
              },
              partitions: {
                type: 'object',
                properties: {
                  count: {
                    type: 'integer',
                  },
                  latest: {
                    $ref: '#/components/schemas/Partition',
                  },
                },
                required: ['count'],
                additionalProperties: false,
              },
              producers: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/EntityReference',
                },
              },
              consumers: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/EntityReference',
                },
              },
            },
          },
        ],
      },
      SchemaVersion: {
        type: 'object',
        properties: {
          version: {
            type: 'integer',
          },
          fieldCount: {
            type: 'integer',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          workflowId: {
            type: 'string',
          },
          runId: {
            type: 'string',
          },
        },
        required: ['version', 'fieldCount', 'createdAt'],
        additionalProperties: false,
      },
      SchemaChange: {
        type: 'object',
        properties: {
          path: {
            type: 'string',
          },
          change: {
            type: 'string',
            enum: ['added', 'removed', 'type-changed'],
          },
          fromType: {
            type: 'string',
          },
          toType: {
            type: 'string',
          },
          breaking: {
            type: 'boolean',
          },
        },
        required: ['path', 'change', 'breaking'],
        additionalProperties: false,
      },
      SchemaDiff: {
        type: 'object',
        properties: {
          from: {
            type: 'integer',
          },
          to: {
            type: 'integer',
          },
          breaking: {
            type: 'boolean',
          },
          changes: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SchemaChange',
            },
          },
        },
        required: ['from', 'to', 'breaking', 'changes'],
        additionalProperties: false,
      },
      RunState: {
        type: 'string',
        enum: ['NEW', 'RUNNING', 'COMPLETED', 'FAILED', 'ABORTED'],
      },
      RunSummary: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          workflowId: {
            type: 'string',
          },
          state: {
            $ref: '#/components/schemas/RunState',
          },
          nominalStartTime: {
            type: 'string',
            format: 'date-time',
          },
          nominalEndTime: {
            type: 'string',
            format: 'date-time',
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          endedAt: {
            type: 'string',
            format: 'date-time',
          },
          durationMs: {
            type: 'number',
          },
          errorMessage: {
            type: 'string',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: ['id', 'workflowId', 'state', 'updatedAt'],
        additionalProperties: true,
      },
      RunDetail: {
        allOf: [
          {
            $ref: '#/components/schemas/RunSummary',
          },
          {
            type: 'object',
            required: ['workflow', 'inputs', 'outputs', 'partitions', 'facets'],
            properties: {
              workflow: {
                $ref: '#/components/schemas/EntityReference',
              },
              parentRun: {
                type: 'object',
                properties: {
                  id: {
                    type: 'string',
                  },
                  workflow: {
                    $ref: '#/components/schemas/EntityReference',
                  },
                },
                required: ['id', 'workflow'],
                additionalProperties: false,
              },
              inputs: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/EntityReference',
                },
              },
              outputs: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/EntityReference',
                },
              },
              partitions: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/Partition',
                },
              },
              facets: {
                type: 'object',
                additionalProperties: {},
              },
            },
          },
        ],
      },
      WorkflowSummary: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          namespace: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          tags: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          jobType: {
            type: 'object',
            properties: {
              processingType: {
                type: 'string',
              },
              integration: {
                type: 'string',
              },
              jobType: {
                type: 'string',
              },
            },
            additionalProperties: false,
          },
          latestRun: {
            $ref: '#/components/schemas/RunSummary',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: ['id', 'namespace', 'name', 'tags', 'createdAt', 'updatedAt'],
        additionalProperties: true,
      },
      WorkflowDetail: {
        allOf: [
          {
            $ref: '#/components/schemas/WorkflowSummary',
          },
          {
            type: 'object',
            required: ['inputs', 'outputs'],
            properties: {
              sql: {
                type: 'object',
                properties: {
                  query: {
                    type: 'string',
                  },
                  dialect: {
                    type: 'string',
                  },
                },
                required: ['query'],
                additionalProperties: false,
              },
              sourceCodeLocation: {
                type: 'object',
                additionalProperties: {
                  type: 'string',
                },
              },
              parent: {
                type: 'object',
                properties: {
                  namespace: {
                    type: 'string',
                  },
                  name: {
                    type: 'string',
                  },
                  id: {
                    type: 'string',
                  },
                },
                required: ['namespace', 'name', 'id'],
                additionalProperties: false,
              },
              inputs: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/EntityReference',
                },
              },
              outputs: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/EntityReference',
                },
              },
            },
          },
        ],
      },
      RawEvent: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          receivedAt: {
            type: 'string',
            format: 'date-time',
          },
          eventKind: {
            type: 'string',
            enum: ['run', 'dataset', 'job'],
          },
          eventType: {
            type: 'string',
          },
          eventTime: {
            type: 'string',
            format: 'date-time',
          },
          runId: {
            type: 'string',
          },
          job: {
            type: 'object',
            properties: {
              namespace: {
                type: 'string',
              },
              name: {
                type: 'string',
              },
            },
            required: ['namespace', 'name'],
            additionalProperties: false,
          },
          lenientNotes: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          event: {},
        },
        required: ['id', 'receivedAt', 'eventKind', 'lenientNotes', 'event'],
        additionalProperties: false,
      },
      DeadLetter: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          receivedAt: {
            type: 'string',
            format: 'date-time',
          },
          reason: {
            type: 'string',
          },
          jsonPath: {
            type: 'string',
          },
          batchIndex: {
            type: 'integer',
          },
          payload: {
            type: 'string',
          },
        },
        required: ['id', 'receivedAt', 'reason', 'payload'],
        additionalProperties: false,
      },
      IngestionAccepted: {
        type: 'object',
        properties: {
          status: {
            type: 'string',
            enum: ['success'],
          },
          lenientNotes: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
        required: ['status', 'lenientNotes'],
        additionalProperties: false,
      },
      IngestionRejected: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
              jsonPath: {
                type: 'string',
              },
            },
            required: ['name', 'message'],
            additionalProperties: false,
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'number',
              },
            },
            required: ['statusCode'],
            additionalProperties: false,
          },
        },
        required: ['error', 'response'],
        additionalProperties: true,
      },
      BatchIngestionResult: {
        type: 'object',
        properties: {
          status: {
            type: 'string',
            enum: ['success', 'partial_success'],
          },
          summary: {
            type: 'object',
            properties: {
              received: {
                type: 'integer',
              },
              successful: {
                type: 'integer',
              },
              failed: {
                type: 'integer',
              },
              retriable: {
                type: 'integer',
              },
              non_retriable: {
                type: 'integer',
              },
            },
            required: [
              'received',
              'successful',
              'failed',
              'retriable',
              'non_retriable',
            ],
            additionalProperties: false,
          },
          failed_events: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                index: {
                  type: 'integer',
                },
                reason: {
                  type: 'string',
                },
                jsonPath: {
                  type: 'string',
                },
                retriable: {
                  type: 'boolean',
                },
              },
              required: ['index', 'reason', 'retriable'],
              additionalProperties: false,
            },
          },
        },
        required: ['status', 'summary', 'failed_events'],
        additionalProperties: false,
      },
      LineageFanout: {
        type: 'object',
        properties: {
          total: { type: 'integer', minimum: 0 },
          omitted: { type: 'integer', minimum: 0 },
        },
        required: ['total', 'omitted'],
        additionalProperties: false,
      },
      LineageNode: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          kind: { type: 'string', enum: ['endpoint', 'workflow'] },
          namespace: { type: 'string' },
          name: { type: 'string' },
          owner: { type: 'string' },
          distance: {
            type: 'integer',
            minimum: 0,
            description: 'Workflow hops from the focus; 0 for the focus.',
          },
          lastRun: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              state: { $ref: '#/components/schemas/RunState' },
              endedAt: { type: 'string', format: 'date-time' },
            },
            required: ['id', 'state'],
            additionalProperties: false,
          },
          lastUpdatedAt: {
            type: 'string',
            format: 'date-time',
            description: 'Endpoints: when the latest partition landed.',
          },
          status: {
            type: 'string',
            enum: ['ok', 'failed', 'running', 'unknown'],
          },
          upstream: { $ref: '#/components/schemas/LineageFanout' },
          downstream: { $ref: '#/components/schemas/LineageFanout' },
        },
        required: [
          'id',
          'kind',
          'namespace',
          'name',
          'distance',
          'status',
          'upstream',
          'downstream',
        ],
        additionalProperties: false,
      },
      LineageEdge: {
        type: 'object',
        properties: {
          from: { type: 'string' },
          to: { type: 'string' },
          firstSeenAt: { type: 'string', format: 'date-time' },
          lastSeenAt: { type: 'string', format: 'date-time' },
        },
        required: ['from', 'to', 'firstSeenAt', 'lastSeenAt'],
        additionalProperties: false,
      },
      LineageGraph: {
        type: 'object',
        properties: {
          focus: { type: 'string' },
          nodes: {
            type: 'array',
            items: { $ref: '#/components/schemas/LineageNode' },
          },
          edges: {
            type: 'array',
            items: { $ref: '#/components/schemas/LineageEdge' },
          },
          asOf: { type: 'string', format: 'date-time' },
          truncated: { type: 'boolean' },
          next: {
            type: 'string',
            description:
              'On a depth-1 request for one direction, when the focus has more neighbours on that side than this page: the after cursor of the next page.',
          },
        },
        required: ['focus', 'nodes', 'edges', 'truncated'],
        additionalProperties: false,
      },
      ColumnLineageNode: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          endpointId: { type: 'string' },
          namespace: { type: 'string' },
          name: { type: 'string' },
          field: {
            type: 'string',
            description:
              'Empty for the endpoint as a whole (dataset-level dependencies).',
          },
          distance: { type: 'integer', minimum: 0 },
        },
        required: ['id', 'namespace', 'name', 'field', 'distance'],
        additionalProperties: false,
      },
      ColumnTransformation: {
        type: 'object',
        properties: {
          type: { type: 'string' },
          subtype: { type: 'string' },
          description: { type: 'string' },
          masking: { type: 'boolean' },
        },
        required: ['type'],
        additionalProperties: false,
      },
      ColumnLineageEdge: {
        type: 'object',
        properties: {
          from: { type: 'string' },
          to: { type: 'string' },
          transformations: {
            type: 'array',
            items: { $ref: '#/components/schemas/ColumnTransformation' },
          },
        },
        required: ['from', 'to', 'transformations'],
        additionalProperties: false,
      },
      ColumnLineageGraph: {
        type: 'object',
        properties: {
          focus: { type: 'string' },
          nodes: {
            type: 'array',
            items: { $ref: '#/components/schemas/ColumnLineageNode' },
          },
          edges: {
            type: 'array',
            items: { $ref: '#/components/schemas/ColumnLineageEdge' },
          },
          truncated: { type: 'boolean' },
        },
        required: ['focus', 'nodes', 'edges', 'truncated'],
        additionalProperties: false,
      },
      ImpactItem: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          kind: { type: 'string', enum: ['endpoint', 'workflow'] },
          namespace: { type: 'string' },
          name: { type: 'string' },
          owner: { type: 'string' },
          distance: { type: 'integer', minimum: 0 },
        },
        required: ['id', 'kind', 'namespace', 'name', 'distance'],
        additionalProperties: false,
      },
      ImpactReport: {
        type: 'object',
        properties: {
          focus: { type: 'string' },
          items: {
            type: 'array',
            items: { $ref: '#/components/schemas/ImpactItem' },
          },
          owners: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                owner: { type: 'string' },
                count: { type: 'integer', minimum: 1 },
              },
              required: ['count'],
              additionalProperties: false,
            },
          },
          truncated: { type: 'boolean' },
        },
        required: ['focus', 'items', 'owners', 'truncated'],
        additionalProperties: false,
      },
      ReplayResult: {
        type: 'object',
        properties: {
          queued: {
            type: 'integer',
            minimum: 0,
            description: 'Raw events queued to be derived again.',
          },
        },
        required: ['queued'],
        additionalProperties: false,
      },
    },
    parameters: {
      q: {
        name: 'q',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'string',
        },
        description:
          'Matches names, namespaces, descriptions and (endpoints) field paths, case-insensitively.',
      },
      namespace: {
        name: 'namespace',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'string',
        },
        description: 'Exact namespace.',
      },
      name: {
        name: 'name',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'string',
        },
        description:
          'Exact name; with namespace, a symlink alias resolves to its endpoint.',
      },
      owner: {
        name: 'owner',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'string',
        },
        description: 'Exact owner, as the ownership facet names it.',
      },
      tag: {
        name: 'tag',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'string',
        },
        description: 'A tag: key, or key:value.',
      },
      limit: {
        name: 'limit',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 500,
        },
        description: 'Page size, 50 by default.',
      },
      cursor: {
        name: 'cursor',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'string',
        },
        description: 'The nextCursor of the previous page.',
      },
      from: {
        name: 'from',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'string',
          format: 'date-time',
        },
        description: 'Inclusive lower bound, ISO 8601.',
      },
      to: {
        name: 'to',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'string',
          format: 'date-time',
        },
        description: 'Exclusive upper bound, ISO 8601.',
      },
      state: {
        name: 'state',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          $ref: '#/components/schemas/RunState',
        },
        description: 'Only runs in this state.',
      },
      runId: {
        name: 'runId',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'string',
        },
        description: 'Only events of this run.',
      },
      id: {
        name: 'id',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      runIdPath: {
        name: 'runId',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      lineageId: {
        name: 'id',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: { type: 'string' },
        description:
          'The focus by id (an endpoint or a workflow), instead of kind, namespace and name.',
      },
      lineageKind: {
        name: 'kind',
        in: 'query',
        required: false,
        schema: { type: 'string', enum: ['endpoint', 'workflow'] },
        description: 'The kind of the focus, with namespace and name.',
      },
      lineageDirection: {
        name: 'direction',
        in: 'query',
        required: false,
        schema: { type: 'string', enum: ['upstream', 'downstream', 'both'] },
        description:
          'Which way to walk; both (the default) is the union of the upstream and downstream closures, not the connected component.',
      },
      lineageDepth: {
        name: 'depth',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 0 },
        description:
          'Workflow hops from the focus (endpoint hops for column lineage); 1 by default, at most dataPlatform.lineage.maxDepth.',
      },
      lineageFanout: {
        name: 'fanout',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 1 },
        description:
          'Neighbours returned per node and side, the first in the order of their ids (stable, not alphabetical); the rest are counted. Default dataPlatform.lineage.defaultFanout, capped at maxFanout.',
      },
      lineageAfter: {
        name: 'after',
        in: 'query',
        required: false,
        schema: { type: 'string' },
        description:
          "A previous response's next: the focus's following page of neighbours, in the same order. Only with depth=1 and direction upstream or downstream.",
      },
      asOf: {
        name: 'asOf',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: { type: 'string' },
        description:
          'An ISO 8601 timestamp: the lineage as the runs and JobEvents observed by then left it.',
      },
      field: {
        name: 'field',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: { type: 'string' },
        description:
          'A field path of the focus endpoint; without it, every field.',
      },
      impactFormat: {
        name: 'format',
        in: 'query',
        required: false,
        schema: { type: 'string', enum: ['json', 'csv'] },
        description: 'json (the default) or csv (text/csv, a download).',
      },
      fromVersion: {
        name: 'from',
        in: 'query',
        required: true,
        schema: {
          type: 'integer',
          minimum: 1,
        },
      },
      toVersion: {
        name: 'to',
        in: 'query',
        required: true,
        schema: {
          type: 'integer',
          minimum: 1,
        },
      },
    },
    responses: {
      IngestionUnavailable: {
        description:
          'Nothing was stored: the derivation queue is full (dataPlatform.ingestion.derivation.maxBacklog) or the store is unavailable. Retry-After says when to retry.',
        headers: {
          'Retry-After': {
            description: 'Seconds to wait before retrying.',
            schema: { type: 'integer' },
          },
        },
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      ErrorResponse: {
        description: 'An error response from the backend.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
  },
  security: [
    {},
    {
      JWT: [],
    },
  ],
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
                schema: {
                  $ref: '#/components/schemas/HealthStatus',
                },
              },
            },
          },
          '503': {
            description: 'At least one check fails.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/HealthStatus',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/overview': {
      get: {
        operationId: 'GetOverview',
        description:
          'What the metadata service holds at a glance: the database engine, the ingestion counters and how many endpoints, workflows and runs it derived.',
        responses: {
          '200': {
            description: 'The overview.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Overview',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/derivation': {
      get: {
        operationId: 'GetDerivationStatus',
        description:
          'The derivation queue alone (also part of GET /v1/overview): how many accepted events are not applied yet, and how many failed. Cheap enough to poll, e.g. to wait until what a producer sent is visible.',
        responses: {
          '200': {
            description: 'The derivation queue.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/DerivationStatus',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/derivation/failed': {
      get: {
        operationId: 'ListFailedDerivations',
        description:
          'Accepted events set aside because their derivation failed, with the error, most recently failed first. GET /health counts them without failing; a fix and POST /v1/admin/replay derive them again.',
        responses: {
          '200': {
            description: 'A page of events set aside.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/FailedDerivation',
                      },
                    },
                    nextCursor: {
                      type: 'string',
                    },
                  },
                  additionalProperties: false,
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
        parameters: [
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/cursor',
          },
        ],
      },
    },
    '/v1/lineage': {
      get: {
        operationId: 'GetLineage',
        description:
          "The lineage graph around a focus: endpoints and workflows, edges endpoint to workflow (reads) and workflow to endpoint (writes). A workflow contributes its current edges: those of its newest JobEvent when newer than its latest completed run, else that run's, else every edge it was seen with. Nodes carry owner, status and fan-out counts; wide nodes are cut at fanout, with counts.",
        responses: {
          '200': {
            description: 'The graph.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/LineageGraph' },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
        parameters: [
          { $ref: '#/components/parameters/lineageId' },
          { $ref: '#/components/parameters/lineageKind' },
          { $ref: '#/components/parameters/namespace' },
          { $ref: '#/components/parameters/name' },
          { $ref: '#/components/parameters/lineageDirection' },
          { $ref: '#/components/parameters/lineageDepth' },
          { $ref: '#/components/parameters/lineageFanout' },
          { $ref: '#/components/parameters/asOf' },
          { $ref: '#/components/parameters/lineageAfter' },
        ],
      },
      post: {
        operationId: 'PostLineageEvent',
        description:
          'Ingests one OpenLineage event. Only service principals (e.g. a static token from backend.auth.externalAccess) with the data-platform.events.create permission may call it. Accepted events are kept raw; rejected ones go to the dead-letter store with the reason. In the default `background` derivation mode an accepted event reaches endpoints, workflows and runs shortly after the answer (see `ingestion.derivation` in GET /v1/overview); in `inline` mode before it.',
        requestBody: {
          description:
            'One OpenLineage event (RunEvent, DatasetEvent or JobEvent), spec 1.x or 2.x, in UTF-8, nesting at most dataPlatform.ingestion.maxDepth levels. Content-Encoding: gzip and deflate are accepted.',
          required: true,
          content: {
            'application/json': {
              schema: {},
            },
          },
        },
        responses: {
          '201': {
            description:
              'Accepted; lenientNotes lists what was off but accepted.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/IngestionAccepted',
                },
              },
            },
          },
          '400': {
            description:
              'Not UTF-8, corrupt gzip or deflate, not JSON, nested deeper than dataPlatform.ingestion.maxDepth, or not a usable OpenLineage event; the error names the JSON path.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/IngestionRejected',
                },
              },
            },
          },
          '413': {
            description: 'The body exceeds dataPlatform.ingestion.maxBodySize.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/IngestionRejected',
                },
              },
            },
          },
          '415': {
            description:
              'A Content-Encoding other than gzip or deflate; nothing was stored.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/IngestionRejected',
                },
              },
            },
          },
          '503': {
            $ref: '#/components/responses/IngestionUnavailable',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/lineage/columns': {
      get: {
        operationId: 'GetColumnLineage',
        description:
          "Field-level lineage from the columnLineage facet: nodes are fields of endpoints, edges go from an input field to the field derived from it, with DIRECT and INDIRECT transformations kept apart. Field '' stands for the endpoint as a whole (dataset-level dependencies).",
        responses: {
          '200': {
            description: 'The field graph.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/ColumnLineageGraph' },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
        parameters: [
          { $ref: '#/components/parameters/lineageId' },
          { $ref: '#/components/parameters/namespace' },
          { $ref: '#/components/parameters/name' },
          { $ref: '#/components/parameters/field' },
          { $ref: '#/components/parameters/lineageDirection' },
          { $ref: '#/components/parameters/lineageDepth' },
        ],
      },
    },
    '/v1/lineage/impact': {
      get: {
        operationId: 'GetLineageImpact',
        description:
          'Everything downstream of the focus, endpoints and workflows, with owner and distance, nearest first, and how many items each owner has; as JSON or, with format=csv, as a CSV download.',
        responses: {
          '200': {
            description: 'The impact report.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/ImpactReport' },
              },
              'text/csv': {
                schema: { type: 'string' },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
        parameters: [
          { $ref: '#/components/parameters/lineageId' },
          { $ref: '#/components/parameters/lineageKind' },
          { $ref: '#/components/parameters/namespace' },
          { $ref: '#/components/parameters/name' },
          { $ref: '#/components/parameters/lineageDepth' },
          { $ref: '#/components/parameters/asOf' },
          { $ref: '#/components/parameters/impactFormat' },
        ],
      },
    },
    '/v1/lineage/batch': {
      post: {
        operationId: 'PostLineageBatch',
        description:
          'Ingests an array of OpenLineage events. The good ones are kept even when others are rejected (an event nested too deep included); each rejection is reported by index. Permission and derivation as for POST /v1/lineage.',
        requestBody: {
          description:
            'A JSON array of at most dataPlatform.ingestion.maxBatchEvents OpenLineage events, in UTF-8. Content-Encoding: gzip and deflate are accepted.',
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'array',
                items: {},
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Every event was accepted.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BatchIngestionResult',
                },
              },
            },
          },
          '207': {
            description: 'Some events were rejected; see failed_events.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BatchIngestionResult',
                },
              },
            },
          },
          '400': {
            description:
              'The body is not UTF-8, corrupt gzip or deflate, or not a JSON array; nothing was stored.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/IngestionRejected',
                },
              },
            },
          },
          '413': {
            description:
              'The body exceeds dataPlatform.ingestion.maxBodySize, or the batch has more than dataPlatform.ingestion.maxBatchEvents events; nothing was stored.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/IngestionRejected',
                },
              },
            },
          },
          '415': {
            description:
              'A Content-Encoding other than gzip or deflate; nothing was stored.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/IngestionRejected',
                },
              },
            },
          },
          '503': {
            $ref: '#/components/responses/IngestionUnavailable',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/endpoints': {
      get: {
        operationId: 'ListEndpoints',
        description: 'Endpoints (datasets), ordered by namespace and name.',
        responses: {
          '200': {
            description: 'A page of endpoints.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/EndpointSummary',
                      },
                    },
                    nextCursor: {
                      type: 'string',
                    },
                  },
                  additionalProperties: false,
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
        parameters: [
          {
            $ref: '#/components/parameters/q',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/owner',
          },
          {
            $ref: '#/components/parameters/tag',
          },
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/cursor',
          },
        ],
      },
    },
    '/v1/endpoints/{id}': {
      get: {
        operationId: 'GetEndpoint',
        description:
          'One endpoint with its current schema, aliases, partitions summary, producers and consumers.',
        responses: {
          '200': {
            description: 'The endpoint.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EndpointDetail',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
      },
    },
    '/v1/endpoints/{id}/schema-versions': {
      get: {
        operationId: 'ListSchemaVersions',
        description:
          'The distinct schemas an endpoint has had, oldest first; a version is recorded only when the fields change.',
        responses: {
          '200': {
            description: 'The versions.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/SchemaVersion',
                      },
                    },
                  },
                  additionalProperties: false,
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
      },
    },
    '/v1/endpoints/{id}/schema-diff': {
      get: {
        operationId: 'GetSchemaDiff',
        description:
          'What changed between two schema versions: fields added, removed or with a changed type, and whether that breaks readers.',
        responses: {
          '200': {
            description: 'The diff.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SchemaDiff',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
          {
            $ref: '#/components/parameters/fromVersion',
          },
          {
            $ref: '#/components/parameters/toVersion',
          },
        ],
      },
    },
    '/v1/endpoints/{id}/partitions': {
      get: {
        operationId: 'ListPartitions',
        description:
          'The partitions runs produced of an endpoint, newest first; from/to bound the partition time: the start of its nominal window, else when it landed.',
        responses: {
          '200': {
            description: 'A page of partitions.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Partition',
                      },
                    },
                    nextCursor: {
                      type: 'string',
                    },
                  },
                  additionalProperties: false,
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
          {
            $ref: '#/components/parameters/from',
          },
          {
            $ref: '#/components/parameters/to',
          },
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/cursor',
          },
        ],
      },
    },
    '/v1/workflows': {
      get: {
        operationId: 'ListWorkflows',
        description:
          'Workflows (jobs), ordered by namespace and name, each with its latest run.',
        responses: {
          '200': {
            description: 'A page of workflows.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/WorkflowSummary',
                      },
                    },
                    nextCursor: {
                      type: 'string',
                    },
                  },
                  additionalProperties: false,
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
        parameters: [
          {
            $ref: '#/components/parameters/q',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/owner',
          },
          {
            $ref: '#/components/parameters/tag',
          },
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/cursor',
          },
        ],
      },
    },
    '/v1/workflows/{id}': {
      get: {
        operationId: 'GetWorkflow',
        description:
          'One workflow; inputs and outputs are those of its latest completed run, or of its latest JobEvent when newer.',
        responses: {
          '200': {
            description: 'The workflow.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/WorkflowDetail',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
      },
    },
    '/v1/workflows/{id}/runs': {
      get: {
        operationId: 'ListRuns',
        description:
          "A workflow's runs, newest (by nominal time, else start) first.",
        responses: {
          '200': {
            description: 'A page of runs.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/RunSummary',
                      },
                    },
                    nextCursor: {
                      type: 'string',
                    },
                  },
                  additionalProperties: false,
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
          {
            $ref: '#/components/parameters/state',
          },
          {
            $ref: '#/components/parameters/from',
          },
          {
            $ref: '#/components/parameters/to',
          },
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/cursor',
          },
        ],
      },
    },
    '/v1/runs/{runId}': {
      get: {
        operationId: 'GetRun',
        description:
          'One run with its inputs, outputs, parent run and the partitions it produced.',
        responses: {
          '200': {
            description: 'The run.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RunDetail',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
        parameters: [
          {
            $ref: '#/components/parameters/runIdPath',
          },
        ],
      },
    },
    '/v1/events': {
      get: {
        operationId: 'ListEvents',
        description:
          'Accepted events as received, newest first, for debugging a producer. Needs data-platform.events.read: payloads can hold what only admins should see.',
        responses: {
          '200': {
            description: 'A page of raw events.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/RawEvent',
                      },
                    },
                    nextCursor: {
                      type: 'string',
                    },
                  },
                  additionalProperties: false,
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
        parameters: [
          {
            $ref: '#/components/parameters/runId',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/cursor',
          },
        ],
      },
    },
    '/v1/dead-letters': {
      get: {
        operationId: 'ListDeadLetters',
        description:
          'Rejected events with the reason, newest first. Needs data-platform.events.read.',
        responses: {
          '200': {
            description: 'A page of dead letters.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/DeadLetter',
                      },
                    },
                    nextCursor: {
                      type: 'string',
                    },
                  },
                  additionalProperties: false,
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
        parameters: [
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/cursor',
          },
        ],
      },
    },
    '/v1/admin/replay': {
      post: {
        operationId: 'ReplayRawEvents',
        description:
          'Rebuilds everything derived from the raw event log, e.g. after a fix to the derivation: clears derived state and queues the raw log again, in chunks, then answers; the derivation worker derives what it queued in its usual batches (progress: GET /v1/derivation), setting aside events whose derivation fails (GET /v1/derivation/failed). One replay at a time, across instances: another request meanwhile gets 409. Needs the data-platform.admin permission.',
        responses: {
          '202': {
            description:
              'Derived state is cleared and the raw log queued; how many raw events were queued.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ReplayResult',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
  },
} as const;
