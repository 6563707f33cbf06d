import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { sendJson, serveHttp, silentLogger, type RunningService } from '@carebridge/common';
import { firstRoute, webAppRoutes } from '../src/web';

/** The gateway's static serving of the built web app, in front of a stand-in auth route. */
describe('serving the web app from the gateway’s origin', () => {
  let running: RunningService;
  let base: string;

  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'app-1a2b.js'), 'console.log(1)');
    const server = new ApolloServer({ schema: buildSchema('type Query { ok: Boolean }') });
    await server.start();
    const auth = firstRoute(({ url, response }) => {
      if (url.pathname !== '/auth/login') return Promise.resolve(false);
      sendJson(response, 200, { stand: 'in' });
      return Promise.resolve(true);
    }, webAppRoutes(dist));
    running = await serveHttp({
      server,
      logger: silentLogger,
      port: 0,
      routes: auth,
      context: () => Promise.resolve({}),
    });
    base = running.url.replace('/graphql', '');
  });
  afterAll(() => running.close());

  it('serves index.html at / with a strict content security policy', async () => {
    const response = await fetch(`${base}/`);
    expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([
      200,
      'text/html; charset=utf-8',
      '<!doctype html><div id="root"></div>',
    ]);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers the app’s own routes with index.html, so a reload of /patients/pt-1 works', async () => {
    const response = await fetch(`${base}/patients/pt-1`);
    expect([response.status, await response.text()]).toEqual([200, '<!doctype html><div id="root"></div>']);
  });

  it('answers an intake link, whose token has dots, with index.html', async () => {
    const token = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJwdC0xIiwicWlkIjoicW4taW50YWtlLXYxIn0.' + 'c2ln'.repeat(20);
    const response = await fetch(`${base}/intake/${token}`);
    expect([response.status, await response.text()]).toEqual([200, '<!doctype html><div id="root"></div>']);
  });

  it('serves hashed assets with a long immutable cache', async () => {
    const response = await fetch(`${base}/assets/app-1a2b.js`);
    expect([response.status, response.headers.get('content-type'), response.headers.get('cache-control')]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      'public, max-age=31536000, immutable',
    ]);
  });

  it('answers 404, not the app, for a missing asset and for a path escaping the folder', async () => {
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/..%2f..%2fetc%2fpasswd.txt`)).status).toBe(404);
  });

  it('leaves the API paths to the API', async () => {
    const login = await fetch(`${base}/auth/login`);
    expect(await login.json()).toEqual({ stand: 'in' });
    expect((await fetch(`${base}/auth/unknown`)).status).toBe(404);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  });
});
