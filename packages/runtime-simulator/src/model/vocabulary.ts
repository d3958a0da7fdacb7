import { Field } from './types';

// Words the simulated platform is named with: a music streaming company's
// data platform, so the demo reads like one a newcomer would recognise.

export const TEAMS: readonly [string, string][] = [
  ['playback-insights', 'Measures what is played, skipped and saved.'],
  ['search-discovery', 'Search logs and query understanding.'],
  ['ads-measurement', 'Ad impressions, clicks and campaign delivery.'],
  ['payments-data', 'Orders, subscriptions and payment events.'],
  ['podcast-analytics', 'Episode consumption and creator statistics.'],
  ['growth-analytics', 'Acquisition, activation and retention metrics.'],
  ['content-ingestion', 'Catalog metadata from labels and publishers.'],
  ['personalization', 'Features and training data for recommendations.'],
  ['royalties', 'Stream counts that pay rights holders.'],
  ['user-identity', 'Accounts, devices and consent.'],
  ['marketing-data', 'Campaign audiences and attribution.'],
  ['event-delivery', 'Moves client events into the warehouse.'],
];

export const FIRST_NAMES = [
  'Alva',
  'Ben',
  'Chidi',
  'Dana',
  'Elif',
  'Farah',
  'Goran',
  'Hana',
  'Ines',
  'Jonas',
  'Kemi',
  'Lars',
  'Maja',
  'Nils',
  'Oskar',
  'Priya',
  'Rafael',
  'Sofia',
  'Tomas',
  'Umar',
  'Vera',
  'Wei',
  'Yusuf',
  'Zoe',
];

export const LAST_NAMES = [
  'Andersson',
  'Berg',
  'Costa',
  'Diaz',
  'Eriksson',
  'Fischer',
  'Gupta',
  'Holm',
  'Ito',
  'Johansson',
  'Khan',
  'Lindqvist',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Persson',
];

export const EVENT_OBJECTS = [
  'Track',
  'Episode',
  'Playlist',
  'Ad',
  'Search',
  'Session',
  'Payment',
  'Subscription',
  'Device',
  'Page',
  'Notification',
  'Artist',
  'Album',
  'Audiobook',
  'Video',
];

export const EVENT_ACTIONS = [
  'Started',
  'Completed',
  'Skipped',
  'Viewed',
  'Clicked',
  'Shared',
  'Saved',
  'Failed',
  'Requested',
  'Rendered',
  'Dismissed',
  'Updated',
];

export const NOUNS = [
  'plays',
  'sessions',
  'streams',
  'listeners',
  'impressions',
  'clicks',
  'searches',
  'orders',
  'subscriptions',
  'payouts',
  'episodes',
  'tracks',
  'artists',
  'devices',
  'playlists',
  'recommendations',
  'campaigns',
  'royalties',
  'accounts',
  'experiments',
];

export const QUALIFIERS = [
  'by_country',
  'by_market',
  'daily',
  'hourly',
  'enriched',
  'deduped',
  'summary',
  'features',
  'agg',
  'snapshot',
  'facts',
  'dim',
];

export const VERBS = [
  'aggregate',
  'enrich',
  'dedupe',
  'join',
  'compute',
  'export',
  'build',
  'score',
];

const leaf = (name: string, type: string, description?: string): Field =>
  description ? { name, type, description } : { name, type };

/** The envelope every client event has. */
export function eventEnvelope(): Field[] {
  return [
    leaf('event_id', 'STRING', 'Unique id of the event, for deduplication.'),
    leaf('event_timestamp', 'TIMESTAMP', 'When the client logged the event.'),
    leaf('user_id', 'STRING', 'Pseudonymous id of the listener.'),
    {
      name: 'device',
      type: 'RECORD',
      description: 'The client that sent the event.',
      fields: [
        leaf('platform', 'STRING'),
        leaf('os_version', 'STRING'),
        leaf('app_version', 'STRING'),
      ],
    },
    {
      name: 'context',
      type: 'RECORD',
      fields: [
        leaf('country', 'STRING', 'ISO 3166 country code.'),
        leaf('ip_hash', 'STRING'),
      ],
    },
  ];
}

/** Payload columns client events carry, beyond the envelope. */
export const PAYLOAD_FIELDS: readonly Field[] = [
  leaf('track_id', 'STRING', 'Catalog id of the track.'),
  leaf('episode_id', 'STRING'),
  leaf('playlist_id', 'STRING'),
  leaf('ms_played', 'INTEGER', 'Milliseconds of audio played.'),
  leaf('position_ms', 'INTEGER'),
  leaf('reason_start', 'STRING'),
  leaf('reason_end', 'STRING'),
  leaf('shuffle', 'BOOLEAN'),
  leaf('offline', 'BOOLEAN'),
  leaf('query', 'STRING', 'What the user typed.'),
  leaf('result_count', 'INTEGER'),
  leaf('ad_id', 'STRING'),
  leaf('campaign_id', 'STRING'),
  leaf('price', 'NUMERIC'),
  leaf('currency', 'STRING'),
  leaf('page_uri', 'STRING'),
  leaf('referrer', 'STRING'),
  leaf('latency_ms', 'INTEGER'),
  leaf('error_code', 'STRING'),
  leaf('market', 'STRING'),
  leaf('product', 'STRING', 'Free, Premium, Family or Student.'),
];

/** Columns schema evolution adds later in the history. */
export const ADDED_FIELDS: readonly Field[] = [
  leaf('experiment_group', 'STRING', 'A/B test cell, added for experiments.'),
  leaf('connection_type', 'STRING'),
  leaf('volume_level', 'INTEGER'),
  leaf('session_id', 'STRING'),
  leaf('client_latency_ms', 'INTEGER'),
  leaf('is_incognito', 'BOOLEAN'),
];

export const ASSERTIONS = ['not_null', 'unique', 'row_count', 'freshness'];
