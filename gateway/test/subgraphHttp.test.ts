import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { subgraphHttp } from '../src/subgraphHttp';

let server: Server | undefined;

/** A local HTTP server answering each request with `handler`; resolves its URL. */
async function serve(handler: (request: IncomingMessage, body: string, response: ServerResponse) => void) {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => handler(request, body, response));
  });
  await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((closed) => server?.close(closed));
  server = undefined;
});

describe('subgraphHttp', () => {
  it('posts the body with the headers and parses a JSON answer', async () => {
    const url = await serve((request, body, response) => {
      response.setHeader('content-type', 'application/graphql-response+json; charset=utf-8');
      response.setHeader('cache-control', 'max-age=0, private');
      response.end(JSON.stringify({ data: { seen: { body, authorization: request.headers['authorization'] } } }));
    });
    const http = subgraphHttp(1_000);
    const reply = await http.post(url, { authorization: 'Bearer t', 'content-type': 'application/json' }, '{"q":1}');
    expect(reply).toEqual({
      status: 200,
      body: { data: { seen: { body: '{"q":1}', authorization: 'Bearer t' } } },
      cacheControl: 'max-age=0, private',
    });
    await http.close();
  });

  it('answers a body that is not JSON as text, with its status', async () => {
    const url = await serve((_request, _body, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<h1>Bad gateway</h1>');
    });
    const reply = await subgraphHttp(1_000).post(url, {}, '{}');
    expect(reply).toMatchObject({ status: 502, body: '<h1>Bad gateway</h1>' });
  });

  it('does not follow a redirect, which would carry the token elsewhere', async () => {
    let calls = 0;
    const url = await serve((_request, _body, response) => {
      calls++;
      response.writeHead(307, { location: '/elsewhere' });
      response.end();
    });
    const reply = await subgraphHttp(1_000).post(url, { authorization: 'Bearer t' }, '{}');
    expect(reply.status).toBe(307);
    expect(calls).toBe(1);
  });

  it('gives up at the deadline with a TimeoutError, also while the body is still arriving', async () => {
    const hanging = await serve(() => {});
    await expect(subgraphHttp(200).post(hanging, {}, '{}')).rejects.toMatchObject({ name: 'TimeoutError' });
    await new Promise((closed) => server?.close(closed));
    server?.closeAllConnections();
    const trickling = await serve((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"data":');
    });
    const started = Date.now();
    await expect(subgraphHttp(300).post(trickling, {}, '{}')).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('rejects with the system code when nothing listens', async () => {
    const url = await serve(() => {});
    server!.close();
    server!.closeAllConnections();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(subgraphHttp(1_000).post(url, {}, '{}')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
