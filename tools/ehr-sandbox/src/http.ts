import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readBody } from '@carebridge/common';
import type { FaultDecision, FaultInjector } from './faults';

/** HTTP helpers shared by the imitated EHR APIs, the FHIR server and the control API. */

export type Headers = Record<string, string>;

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Headers = {},
  contentType = 'application/json',
): void {
  response.writeHead(status, {
    'content-type': `${contentType}; charset=utf-8`,
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(JSON.stringify(body));
}

/** The body, or null past the limit: drained, so the connection stays usable for the 413. */
export async function bodyWithin(request: IncomingMessage, limit: number): Promise<string | null> {
  try {
    return await readBody(request, limit, { drain: true });
  } catch (error) {
    if (error instanceof HttpError && error.status === 413) return null;
    throw error;
  }
}

/** The parsed JSON, or undefined when the text is empty or not JSON (validation then says so). */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export interface InjectedAnswer {
  status: 500 | 503;
  message: string;
  fault: 'failure' | 'retry-after';
  headers: Headers;
}

/**
 * The delay, then this request's fault draw. A 500 or 503 comes back as `answer` (to send before
 * anything is done); `lose` says the request is to be carried out and its answer dropped.
 */
export async function drawFault(faults: FaultInjector): Promise<{ answer?: InjectedAnswer; lose: boolean }> {
  if (faults.delayMs > 0) await sleep(faults.delayMs);
  const decision: FaultDecision = faults.decide();
  switch (decision.kind) {
    case 'none':
      return { lose: false };
    case 'lose-response':
      return { lose: true };
    case 'fail':
      return {
        lose: false,
        answer: { status: 500, message: 'Injected failure (sandbox fault injection)', fault: 'failure', headers: {} },
      };
    case 'retry-after':
      return {
        lose: false,
        answer: {
          status: 503,
          message: 'Service unavailable, retry later (sandbox fault injection)',
          fault: 'retry-after',
          headers: { 'retry-after': String(decision.seconds) },
        },
      };
  }
}

/** A lost answer: the connection is closed with nothing sent, as when a network drops it. */
export function loseResponse(response: ServerResponse): void {
  response.destroy();
}
