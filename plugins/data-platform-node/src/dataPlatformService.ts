import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  DATA_PLATFORM_API_METHODS,
  DATA_PLATFORM_PLUGIN_ID,
  DataPlatformApi,
  DataPlatformClient,
} from '@data-platform/plugin-data-platform-common';

/**
 * How a backend caller of the {@link DataPlatformService} says on whose
 * behalf it asks: its own service credentials, or those of the request it
 * serves.
 *
 * @public
 */
export type DataPlatformServiceRequestOptions = {
  credentials: BackstageCredentials;
};

/**
 * One method of
 * {@link @data-platform/plugin-data-platform-common#DataPlatformApi} with its last parameter, the token
 * options, replaced by credentials: the arguments before it may be
 * `undefined` but must be given, as in the catalog's service.
 *
 * @public
 */
export type DataPlatformServiceMethod<F> = F extends (
  ...args: infer A
) => infer R
  ? Required<A> extends [...infer H, unknown]
    ? (
        ...args: [
          ...{ [I in keyof H]: H[I] | undefined },
          DataPlatformServiceRequestOptions,
        ]
      ) => R
    : never
  : never;

/**
 * The metadata service's read API for other backend plugins and modules:
 * {@link @data-platform/plugin-data-platform-common#DataPlatformApi} with
 * backend credentials in place of a token.
 *
 * @public
 */
export type DataPlatformService = {
  [K in keyof DataPlatformApi]: DataPlatformServiceMethod<DataPlatformApi[K]>;
};

/**
 * The {@link DataPlatformService} over a client: each call gets a plugin
 * request token for the metadata service on behalf of the given credentials.
 */
export function createDataPlatformService(options: {
  auth: AuthService;
  client: DataPlatformApi;
}): DataPlatformService {
  const { auth, client } = options;
  const forward = (name: keyof DataPlatformApi) => {
    const method = client[name] as (...args: unknown[]) => Promise<unknown>;
    return async (...args: unknown[]) => {
      const { credentials } = args[
        args.length - 1
      ] as DataPlatformServiceRequestOptions;
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: DATA_PLATFORM_PLUGIN_ID,
      });
      return method.call(client, ...args.slice(0, -1), { token });
    };
  };
  return Object.fromEntries(
    DATA_PLATFORM_API_METHODS.map(name => [name, forward(name)]),
  ) as DataPlatformService;
}

/**
 * The metadata service's API for other backend plugins and modules, as
 * `catalogServiceRef` is the catalog's: calls take `{ credentials }` and
 * carry a plugin request token for the data-platform plugin.
 *
 * @public
 */
export const dataPlatformServiceRef = createServiceRef<DataPlatformService>({
  id: 'data-platform.client',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      factory: ({ auth, discovery }) =>
        createDataPlatformService({
          auth,
          client: new DataPlatformClient({ discoveryApi: discovery }),
        }),
    }),
});
