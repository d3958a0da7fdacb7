import {
  dataPlatformAdminPermission,
  dataPlatformEventsReadPermission,
  dataPlatformMetadataReadPermission,
} from '@data-platform/plugin-data-platform-common';
import { DataPlatformRouter } from '../http/DataPlatformRouter';
import { RequirePermission } from '../http/requirePermission';
import { EventLogService } from './EventLogService';

/**
 * The event log's routes: the raw log and dead letters
 * (`data-platform.events.read`), derivation's progress and the events it
 * set aside (`data-platform.metadata.read`), and replay
 * (`data-platform.admin`).
 */
export function addEventLogRoutes(
  router: DataPlatformRouter,
  options: { eventLog: EventLogService; requirePermission: RequirePermission },
) {
  const { eventLog, requirePermission } = options;
  const metadataRead = requirePermission(dataPlatformMetadataReadPermission);
  const eventsRead = requirePermission(dataPlatformEventsReadPermission);

  router.get('/v1/derivation', metadataRead, async (_req, res) => {
    res.json(await eventLog.getDerivationStatus());
  });

  router.get('/v1/derivation/failed', metadataRead, async (req, res) => {
    res.json(await eventLog.listFailedDerivations(req.query));
  });

  router.get('/v1/events', eventsRead, async (req, res) => {
    res.json(await eventLog.listRawEvents(req.query));
  });

  router.get('/v1/dead-letters', eventsRead, async (req, res) => {
    res.json(await eventLog.listDeadLetters(req.query));
  });

  router.post(
    '/v1/admin/replay',
    requirePermission(dataPlatformAdminPermission),
    async (_req, res) => {
      // Answered once the raw log is queued; the worker derives it after.
      res.status(202).json(await eventLog.replay());
    },
  );
}
