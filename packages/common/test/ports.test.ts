import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ephemeralLow, freePort } from '../src/ports';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

describe('ephemeralLow', () => {
  it('reads the first port of the kernel range, or 32768 when it cannot', () => {
    expect(ephemeralLow(() => '40000\t60999\n')).toBe(40000);
    expect(ephemeralLow(() => 'garbage')).toBe(32768);
    expect(
      ephemeralLow(() => {
        throw new Error('ENOENT');
      }),
    ).toBe(32768);
  });
});

describe('freePort', () => {
  it('answers a port below the ephemeral range that can be listened on', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThanOrEqual(15000);
    expect(port).toBeLessThan(ephemeralLow());
    const server = createServer();
    servers.push(server);
    await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  });

  it('draws another port when the first one drawn is taken', async () => {
    const taken = await freePort();
    const server = createServer();
    servers.push(server);
    await new Promise<void>((done) => server.listen(taken, '127.0.0.1', done));
    const low = 15000;
    const span = ephemeralLow() - low;
    // The first draw lands on the taken port, the second on the next one.
    const draws = [(taken - low + 0.5) / span, (taken + 1 - low + 0.5) / span];
    const port = await freePort('127.0.0.1', () => draws.shift() ?? Math.random());
    expect(port).not.toBe(taken);
    expect(draws).toHaveLength(0);
  });
});
