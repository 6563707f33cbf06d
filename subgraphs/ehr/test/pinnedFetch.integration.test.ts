import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RESPONSE_BYTES, pinnedFetch } from '../src/delivery/pinnedFetch';

/**
 * The HTTP client for organizations' EHR systems against a real server on a free port: it connects
 * to the address it is given whatever the host name (which here resolves nowhere), and follows no
 * redirect.
 */
describe('pinnedFetch', () => {
  let server: Server;
  let port: number;
  const received: { url: string; host: string; method: string; body: string; key: string }[] = [];

  const read = (request: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => resolve(body));
    });

  beforeAll(async () => {
    server = createServer((request, response) => {
      void read(request).then((body) => {
        received.push({
          url: request.url ?? '',
          host: request.headers.host ?? '',
          method: request.method ?? '',
          body,
          key: String(request.headers['idempotency-key']),
        });
        if (request.url === '/redirect') {
          response.writeHead(302, { location: '/elsewhere' }).end();
        } else if (request.url === '/big') {
          response.writeHead(200).end('x'.repeat(MAX_RESPONSE_BYTES + 1));
        } else if (request.url === '/slow') {
          setTimeout(() => response.writeHead(200).end('{}'), 2_000).unref();
        } else {
          response.writeHead(201, { 'content-type': 'application/json' }).end('{"patientId":"P-1"}');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (path: string, timeoutMs = 5_000) =>
    pinnedFetch(
      new URL(`http://ehr-pinned.invalid:${port}${path}`),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'key-1' },
        body: '{"A":1}',
        signal: AbortSignal.timeout(timeoutMs),
      },
      [{ address: '127.0.0.1', family: 4 }],
    );

  it('connects to the checked address, with the URL’s host name, method, headers and body', async () => {
    const response = await send('/persons');
    expect([response.status, await response.json()]).toEqual([201, { patientId: 'P-1' }]);
    expect(received.at(-1)).toEqual({
      url: '/persons',
      host: `ehr-pinned.invalid:${port}`,
      method: 'POST',
      body: '{"A":1}',
      key: 'key-1',
    });
  });

  it('answers a redirect as it is, without following it', async () => {
    const before = received.length;
    const response = await send('/redirect');
    expect([response.status, response.headers.get('location')]).toEqual([302, '/elsewhere']);
    expect(received.slice(before).map((r) => r.url)).toEqual(['/redirect']);
  });

  it('gives up on an answer longer than it reads, and on one that takes too long', async () => {
    await expect(send('/big')).rejects.toThrow('The EHR answered too much.');
    await expect(send('/slow', 200)).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});
