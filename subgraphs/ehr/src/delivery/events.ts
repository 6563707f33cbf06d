import { changeEventsRoute, type Logger, type RouteHandler } from '@carebridge/common';
import type { DeliveryEngine } from './engine';

/**
 * `POST /internal/events`: where the patient and clinical subgraphs' outboxes deliver change
 * events (signed; see `changeEventsRoute`). The engine applies them before the 2xx answer, which
 * is the sender's signal that it may forget them.
 */
export function eventsRoute(engine: DeliveryEngine, secret: string, logger: Logger): RouteHandler {
  return changeEventsRoute({ secret, logger, apply: (events) => engine.ingest(events) });
}
