import { Config } from '@backstage/config';

/** Limits that keep a lineage answer bounded; from `dataPlatform.lineage`. */
export type LineageLimits = {
  /** The largest `depth` a request may ask for. */
  maxDepth: number;
  /** Nodes in one graph; the walk stops there and says `truncated`. */
  maxNodes: number;
  /** Neighbours per node and side when the request does not say. */
  defaultFanout: number;
  /** The largest `fanout` a request gets; larger asks are capped. */
  maxFanout: number;
  /** Items in one impact report, which has no fan-out limit. */
  impactMaxNodes: number;
};

export const DEFAULT_LINEAGE_LIMITS: LineageLimits = {
  maxDepth: 10,
  maxNodes: 2000,
  defaultFanout: 50,
  maxFanout: 500,
  impactMaxNodes: 10_000,
};

/**
 * The limits `dataPlatform.lineage` sets; those it leaves out keep their
 * defaults (the service checks them).
 */
export function readLineageLimits(config: Config): Partial<LineageLimits> {
  const limits = config.getOptionalConfig('dataPlatform.lineage');
  return {
    maxDepth: limits?.getOptionalNumber('maxDepth'),
    maxNodes: limits?.getOptionalNumber('maxNodes'),
    defaultFanout: limits?.getOptionalNumber('defaultFanout'),
    maxFanout: limits?.getOptionalNumber('maxFanout'),
    impactMaxNodes: limits?.getOptionalNumber('impactMaxNodes'),
  };
}
