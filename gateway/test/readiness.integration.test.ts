import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SUPERGRAPH_SDL } from '../src/compose';
import { readinessUrl, subgraphReadiness, subgraphRoutingUrls } from '../src/readiness';

/** The gateway's readiness check on its own, against local HTTP servers standing in for subgraphs. */

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
