import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { DataPlatformClient } from '@data-platform/plugin-data-platform-common';
import { HttpBatchSink } from '@data-platform/runtime-simulator';
import { readDemoConfig } from '../config/readDemoConfig';
import { DemoRuntime, demoPlatform } from '../runtime/DemoRuntime';

/** The scheduler task that seeds and then feeds the demo platform. */
export const DEMO_TASK_ID = 'data-platform-demo-runtime';

/**
 * Runs the simulated pipeline runtime against the metadata service it is
 * installed in, over HTTP with the plugin's own service token: the same
 * ingestion path, validation and authorization a real runtime goes through.
 *
 * @public
 */
export const dataPlatformModuleDemo = createBackendModule({
  pluginId: 'data-platform',
  moduleId: 'demo',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ auth, config, discovery, logger, scheduler }) {
        const demo = readDemoConfig(config);
        if (!demo.enabled) return;

        const token = async () => {
          const { token: value } = await auth.getPluginRequestToken({
            onBehalfOf: await auth.getOwnServiceCredentials(),
            targetPluginId: 'data-platform',
          });
          return value;
        };
        const client = new DataPlatformClient({ discoveryApi: discovery });
        let runtime: DemoRuntime | undefined;

        // Scheduled rather than run here: the HTTP server only listens once
        // every plugin has initialized, and a 30-day seed must not hold up
        // the backend's startup.
        await scheduler.scheduleTask({
          id: DEMO_TASK_ID,
          scope: 'local',
          frequency: demo.liveInterval,
          initialDelay: { seconds: 5 },
          timeout: { minutes: 30 },
          fn: async () => {
            runtime ??= new DemoRuntime({
              config: demo,
              platform: demoPlatform(demo),
              sink: new HttpBatchSink({
                serviceUrl: await discovery.getBaseUrl('data-platform'),
                token,
              }),
              serviceState: async () => {
                const overview = await client.getOverview({
                  token: await token(),
                });
                return {
                  workflows: overview.counts.workflows,
                  lastEventAt: overview.ingestion.lastEventAt,
                };
              },
              logger,
            });
            await runtime.tick();
          },
        });
      },
    });
  },
});
