import {
  EVENT_SIGNATURE_HEADER,
  EVENTS_PATH,
  HttpError,
  readBody,
  sendJson,
  verifyEventBody,
  type ChangeEvent,
  type Logger,
  type RouteHandler,
} from '@carebridge/common';
import type { DeliveryEngine } from './engine';

/** Far above a relay's batch (100 events by default): a larger body is not a relay's. */
const MAX_EVENTS_BYTES = 5_000_000;

const EVENT_TYPES: ReadonlySet<string> = new Set(['patient.upserted', 'patient.deleted', 'clinical.answered']);

function isEvent(value: unknown): value is ChangeEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Record<string, unknown>;
  return (
    typeof event['id'] === 'string' &&
    typeof event['type'] === 'string' &&
    EVENT_TYPES.has(event['type']) &&
    typeof event['patientId'] === 'string' &&
    typeof event['organizationId'] === 'string'
  );
}

/**
 * `POST /internal/events`: where the patient and clinical subgraphs' outboxes deliver change
 * events. Only a body signed with the services' shared secret is accepted; a 2xx answer is the
 * sender's signal that it may forget the events, so it is sent only after they are applied.
 */
export function eventsRoute(engine: DeliveryEngine, secret: string, logger: Logger): RouteHandler {
  return async ({ request, response, url, requestId }) => {
    if (url.pathname !== EVENTS_PATH) return false;
    if (request.method !== 'POST') {
      sendJson(response, 405, { error: 'Use POST.' }, { allow: 'POST' });
      return true;
    }
    let body: string;
    try {
      body = await readBody(request, MAX_EVENTS_BYTES);
    } catch (error) {
      if (!(error instanceof HttpError) || error.status !== 413) throw error;
      sendJson(response, 413, { error: 'Too many events in one request.' });
      return true;
    }
    const signature = request.headers[EVENT_SIGNATURE_HEADER];
    if (!verifyEventBody(body, typeof signature === 'string' ? signature : undefined, secret)) {
      logger.warn('events.rejected', { requestId, reason: 'signature' });
      sendJson(response, 401, { error: 'Unsigned or wrongly signed events.' });
      return true;
    }
    let events: unknown;
    try {
      events = (JSON.parse(body) as { events?: unknown }).events;
    } catch {
      events = undefined;
    }
    if (!Array.isArray(events) || !events.every(isEvent)) {
      sendJson(response, 400, { error: 'Expected { "events": [ChangeEvent, …] }.' });
      return true;
    }
    sendJson(response, 200, await engine.ingest(events));
    return true;
  };
}
