import type { LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

/** The most of an EHR's answer that is read: the worker needs a patient id, nothing long. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface PinnedRequest {
  method: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

/** Sends one request to `url`, connecting only to `addresses` (already checked), never following a redirect. */
export type PinnedFetch = (url: URL, init: PinnedRequest, addresses: readonly LookupAddress[]) => Promise<Response>;

/** Statuses whose answer has no body, which `Response` refuses one for. */
const NO_BODY = new Set([204, 205, 304]);

function responseOf(message: IncomingMessage, body: Buffer): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    for (const one of Array.isArray(value) ? value : [value ?? '']) headers.append(name, one);
  }
  const status = message.statusCode ?? 0;
  return new Response(NO_BODY.has(status) ? null : new Uint8Array(body), { status, headers });
}

/**
 * The HTTP client for organizations' EHR systems, on node:http(s): the connection goes to the
 * addresses the destination guard checked (a `lookup` that answers them whatever the name asks),
 * so DNS is not asked again between the check and the connection; TLS still verifies the
 * certificate against the URL's host name. No redirect is followed (node:http never does), no
 * connection is reused, and at most {@link MAX_RESPONSE_BYTES} of the answer are read.
 */
export const pinnedFetch: PinnedFetch = (url, init, addresses) =>
  new Promise<Response>((resolve, reject) => {
    const checked = addresses.map((a) => ({ address: a.address, family: a.family }));
    const lookup: LookupFunction = (_hostname, options, callback) => {
      if (options.all) callback(null, checked);
      else callback(null, checked[0]!.address, checked[0]!.family);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    // Aborted by the timeout: its TimeoutError, as fetch would reject with.
    const fail = (error: Error) => {
      const reason: unknown = init.signal.reason;
      reject(init.signal.aborted && reason instanceof Error ? reason : error);
    };
    const request = send(
      url,
      { method: init.method, headers: init.headers, signal: init.signal, lookup, agent: false },
      (message) => {
        const status = message.statusCode ?? 0;
        if (status < 200 || status > 599) {
          message.destroy();
          fail(new Error('The EHR answered an unexpected status.'));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        message.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            message.destroy();
            fail(new Error('The EHR answered too much.'));
            return;
          }
          chunks.push(chunk);
        });
        message.on('end', () => resolve(responseOf(message, Buffer.concat(chunks))));
        message.on('error', fail);
        // A connection closed before the end (the timeout, the EHR hanging up) settles it too.
        message.on('close', () => {
          if (!message.complete) fail(new Error('The EHR closed the connection.'));
        });
      },
    );
    request.on('error', fail);
    request.end(init.body);
  });
