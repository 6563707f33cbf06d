import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { serveHttp, type RunningService } from '../src/http';
import { silentLogger } from '../src/logger';

describe('serveHttp', () => {
  let running: RunningService;
  let seenRequestId: string | undefined;

  beforeAll(async () => {
    const server = new ApolloServer<{ requestId: string }>({
      schema: buildSchema('type Query { requestId: String }'),
      rootValue: { requestId: (_: unknown, context: { requestId: string }) => context.requestId },
    });
    await server.start();
    running = await serveHttp({
      server,
      logger: silentLogger,
      port: 0,
      maxBodyBytes: 1_000,
      context: (_request, requestId) => {
        seenRequestId = requestId;
        return Promise.resolve({ requestId });
      },
    });
  });
  afterAll(() => running.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('answers GraphQL on /graphql and passes the caller’s request id to the context', async () => {
    const response = await post(JSON.stringify({ query: '{ requestId }' }), { 'x-request-id': 'req-123' });
    expect(await response.json()).toEqual({ data: { requestId: 'req-123' } });
    expect(response.headers.get('x-request-id')).toBe('req-123');
    expect(seenRequestId).toBe('req-123');
  });

  it('replaces a malformed request id with a fresh one', async () => {
    const response = await post(JSON.stringify({ query: '{ requestId }' }), { 'x-request-id': 'bad id!' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports health on /health', async () => {
    const response = await fetch(running.url.replace('/graphql', '/health'));
    expect([response.status, await response.json()]).toEqual([200, { status: 'ok' }]);
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await post(JSON.stringify({ query: `{ requestId } # ${'x'.repeat(2_000)}` }));
    expect(response.status).toBe(413);
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await post('{not json');
    expect(response.status).toBe(400);
  });

  it('answers 404 elsewhere', async () => {
    expect((await fetch(running.url.replace('/graphql', '/other'))).status).toBe(404);
  });
});
