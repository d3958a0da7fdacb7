import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import express from 'express';
import {
  DataPlatformService,
  dataPlatformServiceRef,
} from './dataPlatformService';

// A stand-in metadata service on the test backend's real HTTP server: it
// checks the caller's token the way the real router does and answers with
// whom the token speaks for, so the tests see what reached it.
const dataPlatformStandIn = createBackendPlugin({
  pluginId: 'data-platform',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ httpRouter, httpAuth }) {
        const router = express.Router();
        router.get('/v1/overview', async (req, res) => {
          const { principal } = await httpAuth.credentials(req, {
            allow: ['user', 'service'],
          });
          res.json({
            databaseClient: 'stand-in',
            caller:
              principal.type === 'user'
                ? principal.userEntityRef
                : principal.subject,
          });
        });
        router.get('/v1/endpoints/:id', (req, res) => {
          res.status(404).json({
            error: { name: 'NotFoundError', message: `no ${req.params.id}` },
            response: { statusCode: 404 },
          });
        });
        router.get('/v1/workflows', (req, res) => {
          res.json({ items: [], query: req.query });
        });
        httpRouter.use(router);
      },
    });
  },
});

async function startWithConsumer() {
  let captured:
    | { dataPlatform: DataPlatformService; auth: typeof coreServices.auth.T }
    | undefined;
  const consumer = createBackendPlugin({
    pluginId: 'consumer',
    register(env) {
      env.registerInit({
        deps: { dataPlatform: dataPlatformServiceRef, auth: coreServices.auth },
        async init(deps) {
          captured = deps;
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [dataPlatformStandIn, consumer],
  });
  return { backend, ...captured! };
}

describe('dataPlatformServiceRef', () => {
  it('calls the metadata service with a token for the calling plugin', async () => {
    const { backend, dataPlatform, auth } = await startWithConsumer();
    try {
      const overview = await dataPlatform.getOverview({
        credentials: await auth.getOwnServiceCredentials(),
      });
      expect(overview).toEqual({
        databaseClient: 'stand-in',
        caller: 'plugin:consumer',
      });
    } finally {
      await backend.stop();
    }
  });

  it('calls on behalf of a user when given user credentials', async () => {
    const { backend, dataPlatform } = await startWithConsumer();
    try {
      const overview = await dataPlatform.getOverview({
        credentials: mockCredentials.user('user:default/ada'),
      });
      expect(overview).toMatchObject({ caller: 'user:default/ada' });
    } finally {
      await backend.stop();
    }
  });

  it('passes parameters through and surfaces service errors', async () => {
    const { backend, dataPlatform, auth } = await startWithConsumer();
    try {
      const credentials = await auth.getOwnServiceCredentials();
      await expect(
        dataPlatform.listWorkflows(
          { owner: 'team-a', limit: 5 },
          { credentials },
        ),
      ).resolves.toEqual({
        items: [],
        query: { owner: 'team-a', limit: '5' },
      });
      const failure = dataPlatform.getEndpoint('missing', { credentials });
      await expect(failure).rejects.toBeInstanceOf(ResponseError);
      await expect(failure).rejects.toMatchObject({
        response: { status: 404 },
        body: { error: { message: 'no missing' } },
      });
    } finally {
      await backend.stop();
    }
  });
});
