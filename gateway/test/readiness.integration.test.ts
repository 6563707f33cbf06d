import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTokenVerifier, freePort, KEYS_PROBE_MS, serveService } from '@carebridge/common';
import { afterEach, describe, expect, it } from 'vitest';
import { createService as createPatient } from '../../subgraphs/patient/src/server';
import { generateSigningJwk, keyRingFromJwks } from '../src/auth/keys';
import { SUPERGRAPH_SDL } from '../src/compose';
import { readinessUrl, subgraphReadiness, subgraphRoutingUrls } from '../src/readiness';

/**
 * The gateway's readiness check on its own, against local HTTP servers standing in for subgraphs,
 * and over a real subgraph that waits for the gateway's keys.
 */

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A fake subgraph whose `/health/ready` answers `status()` after `delayMs`; counts the probes. */
async function fakeSubgraph(status: () => number, delayMs = 0): Promise<{ url: string; probes: () => number }> {
  let probes = 0;
  const server = createServer((request, response) => {
    if (request.url !== '/health/ready') {
      response.writeHead(404).end();
      return;
    }
    probes++;
    setTimeout(() => {
      response.writeHead(status(), { 'content-type': 'application/json' }).end('{"status":"whatever"}');
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, probes: () => probes };
}

/** A routing URL nothing listens on. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/graphql`;
}

describe('gateway readiness', () => {
  it('takes the routing URLs from the supergraph, replaced by the configured overrides', () => {
    const sdl = readFileSync(SUPERGRAPH_SDL, 'utf8');
    const urls = subgraphRoutingUrls(sdl, { ehr: 'http://127.0.0.1:9999/graphql' });
    expect(Object.keys(urls).sort()).toEqual(['clinical', 'ehr', 'patient']);
    expect(urls['ehr']).toBe('http://127.0.0.1:9999/graphql');
    expect(urls['patient']).toMatch(/^https?:\/\/.+/);
    expect(readinessUrl('http://127.0.0.1:4001/graphql')).toBe('http://127.0.0.1:4001/health/ready');
  });

  it('is ready when every subgraph is, and names the one that is not', async () => {
    let patientStatus = 200;
    const patient = await fakeSubgraph(() => patientStatus);
    const clinical = await fakeSubgraph(() => 200);
    const check = subgraphReadiness({ subgraphUrls: { patient: patient.url, clinical: clinical.url }, cacheMs: 0 });
    expect(await check()).toEqual({ ready: true, checks: { patient: 'ready', clinical: 'ready' } });
    patientStatus = 503;
    expect(await check()).toEqual({ ready: false, checks: { patient: 'not ready (503)', clinical: 'ready' } });
  });

  it('counts an unreachable or slow subgraph as not ready', async () => {
    const slow = await fakeSubgraph(() => 200, 1_000);
    const check = subgraphReadiness({ subgraphUrls: { ehr: await deadUrl(), clinical: slow.url }, timeoutMs: 100 });
    const started = Date.now();
    expect(await check()).toEqual({ ready: false, checks: { ehr: 'unreachable', clinical: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('reuses an answer for cacheMs, and shares one round between concurrent probes', async () => {
    let now = 0;
    const patient = await fakeSubgraph(() => 200);
    const check = subgraphReadiness({ subgraphUrls: { patient: patient.url }, cacheMs: 2_000, now: () => now });
    await Promise.all([check(), check(), check()]);
    expect(patient.probes()).toBe(1);
    now = 1_999;
    await check();
    expect(patient.probes()).toBe(1);
    now = 2_000;
    await check();
    expect(patient.probes()).toBe(2);
  });
});

describe('readiness and the gateway’s keys', () => {
  it('a subgraph is not ready until it has fetched the gateway’s JWKS, and neither is the gateway', async () => {
    // The subgraph verifies against a JWKS URL nothing answers yet, as before the gateway is up.
    const jwksPort = await freePort();
    const verifier = createTokenVerifier({ jwks: `http://127.0.0.1:${jwksPort}/.well-known/jwks.json` });
    const patient = await serveService(createPatient({ verifier }), { port: 0 });
    const gatewayReady = subgraphReadiness({ subgraphUrls: { patient: patient.url }, cacheMs: 0 });
    try {
      const before = await fetch(readinessUrl(patient.url));
      expect(before.status).toBe(503);
      expect(await before.json()).toEqual({
        status: 'not ready',
        checks: { jwks: "the gateway's keys (AUTH_JWKS_URL) could not be fetched yet: ECONNREFUSED" },
      });
      expect(await gatewayReady()).toEqual({ ready: false, checks: { patient: 'not ready (503)' } });

      const keys = await keyRingFromJwks([await generateSigningJwk()]);
      const jwks = createServer((_, response) => {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(keys.jwks));
      });
      await new Promise<void>((resolve) => jwks.listen(jwksPort, '127.0.0.1', resolve));
      servers.push(jwks);
      // A failed fetch is tried again at the next probe a second later at most.
      await new Promise((resolve) => setTimeout(resolve, KEYS_PROBE_MS));
      const after = await fetch(readinessUrl(patient.url));
      expect([after.status, await after.json()]).toEqual([200, { status: 'ok', checks: { jwks: 'fetched' } }]);
      expect(await gatewayReady()).toEqual({ ready: true, checks: { patient: 'ready' } });
    } finally {
      await patient.close();
    }
  });

  it('a subgraph that verifies with a local key set is ready at once', async () => {
    const keys = await keyRingFromJwks([await generateSigningJwk()]);
    const patient = await serveService(createPatient({ verifier: createTokenVerifier({ jwks: keys.jwks }) }), {
      port: 0,
    });
    try {
      expect((await fetch(readinessUrl(patient.url))).status).toBe(200);
    } finally {
      await patient.close();
    }
  });
});
