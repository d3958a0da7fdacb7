import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { HumanDuration } from '@backstage/types';
import { DEMO_PLATFORM } from '@data-platform/runtime-simulator';

/** `dataPlatform.demo`, with its defaults applied. */
export type DemoConfig = {
  enabled: boolean;
  seed: number;
  teams: number;
  endpoints: number;
  workflows: number;
  historyDays: number;
  live: boolean;
  liveInterval: HumanDuration;
};

export function readDemoConfig(root: Config): DemoConfig {
  const config = root.getOptionalConfig('dataPlatform.demo');
  const count = (key: string, fallback: number, min: number) => {
    const value = config?.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(value) || value < min) {
      throw new InputError(
        `dataPlatform.demo.${key} must be a whole number of at least ${min}, got ${value}`,
      );
    }
    return value;
  };
  const liveInterval: HumanDuration = config?.has('liveInterval')
    ? readDurationFromConfig(config, { key: 'liveInterval' })
    : { minutes: 1 };
  return {
    enabled: config?.getOptionalBoolean('enabled') ?? false,
    seed: count('seed', 42, 0),
    teams: count('teams', DEMO_PLATFORM.teams, 1),
    endpoints: count('endpoints', DEMO_PLATFORM.endpoints, 2),
    workflows: count('workflows', DEMO_PLATFORM.workflows, 1),
    historyDays: count('historyDays', 30, 1),
    live: config?.getOptionalBoolean('live') ?? true,
    liveInterval,
  };
}
