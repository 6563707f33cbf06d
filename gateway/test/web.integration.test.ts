import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { sendJson, serveHttp, silentLogger, type RunningService } from '@carebridge/common';
import { acceptedEncodings, firstRoute, webAppRoutes } from '../src/web';

const SCRIPT = 'console.log("the app");'.repeat(40);

/** The gateway's static serving of the built web app, in front of a stand-in auth route. */
describe('serving the web app from the gateway’s origin', () => {
  let running: RunningService;
  let base: string;

  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'app-1a2b.js'), 'console.log(1)');
    // As the build leaves them (web/vite.config.ts `precompress`): copies next to the file, and a hidden source map.
    writeFileSync(join(dist, 'assets', 'big-3c4d.js'), SCRIPT);
    writeFileSync(join(dist, 'assets', 'big-3c4d.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(dist, 'assets', 'big-3c4d.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(dist, 'assets', 'big-3c4d.js.map'), '{"version":3}');
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

  it('sends the brotli copy to a browser that accepts it, gzip to one that accepts only gzip, varying by encoding', async () => {
    // undici's fetch would decode the body: node:http shows what went over the wire.
    const { request } = await import('node:http');
    const raw = (acceptEncoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
        request(`${base}/assets/big-3c4d.js`, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done({ headers: response.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', fail)
          .end();
      });
    const brotli = await raw('gzip, deflate, br, zstd');
    const gzip = await raw('gzip;q=1, br;q=0');
    const identity = await raw('identity');
    expect([brotli, gzip, identity].map((r) => [r.headers['content-encoding'], r.headers['vary']])).toEqual([
      ['br', 'Accept-Encoding'],
      ['gzip', 'Accept-Encoding'],
      [undefined, 'Accept-Encoding'],
    ]);
    expect(brotli.body).toEqual(brotliCompressSync(SCRIPT));
    expect(gzip.body).toEqual(gzipSync(SCRIPT));
    expect(identity.body.toString()).toBe(SCRIPT);
    expect(Number(brotli.headers['content-length'])).toBe(brotli.body.length);
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('reads Accept-Encoding’s weights and wildcard', () => {
    const accepted = (value: string) => [...acceptedEncodings({ 'accept-encoding': value })];
    expect([accepted(''), accepted('br;q=0.5, gzip;q=0'), accepted('*'), accepted('*, br;q=0')]).toEqual([
      [],
      ['br'],
      ['br', 'gzip'],
      ['gzip'],
    ]);
  });

  it('never serves a source map', async () => {
    expect((await fetch(`${base}/assets/big-3c4d.js.map`)).status).toBe(404);
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
