import { EVENT_SIGNATURE_HEADER, EVENTS_PATH, verifyEventBody, type ChangeEvent } from './events';
import { HttpError, readBody, sendJson, type RouteHandler } from './http';
import type { Logger } from './logger';

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

export interface ChangeEventsRouteOptions {
  /** The services' shared secret: a body signed with another is refused (401). */
  secret: string;
  logger: Logger;
  /** Applies the events of one signed batch; its answer is the 200's JSON body. */
  apply: (events: ChangeEvent[]) => Promise<unknown>;
}

/**
 * `POST /internal/events`: where another service's outbox relay delivers change events (see
 * `outbox.ts`). Only a body signed with the services' shared secret is accepted; a 2xx answer is
 * the sender's signal that it may forget the events, so it is sent only after they are applied.
 */
export function changeEventsRoute({ secret, logger, apply }: ChangeEventsRouteOptions): RouteHandler {
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
    sendJson(response, 200, await apply(events));
    return true;
  };
}
