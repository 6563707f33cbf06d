import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';

/** Linux's default ephemeral range, used where `/proc` does not say. */
const DEFAULT_EPHEMERAL_LOW = 32768;
/** The lowest port handed out: well above the registered services' usual ports and fetch's bad ports. */
const LOWEST = 15000;
const ATTEMPTS = 50;

/**
 * The first port of the range the kernel hands out to outgoing connections
 * (`/proc/sys/net/ipv4/ip_local_port_range`), or 32768 where that file is missing.
 */
export function ephemeralLow(
  read: () => string = () => readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'),
): number {
  try {
    const low = Number(read().trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > LOWEST ? low : DEFAULT_EPHEMERAL_LOW;
  } catch {
    return DEFAULT_EPHEMERAL_LOW;
  }
}

/** Whether `port` can be listened on now; resolves false when it is taken. */
function bindable(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(false) : reject(error),
    );
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** A port the kernel picks (`listen(0)`): free now, but from the ephemeral range. */
function kernelPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A port that is free now, for a service whose URL others must know before it starts (the gateway,
 * whose JWKS the subgraphs are configured with). It is drawn at random from below the kernel's
 * ephemeral range: a port from `listen(0)` lies inside that range, and in the seconds before the
 * service binds it, any outgoing connection of the machine may take it as its local port
 * (EADDRINUSE at start). Another process choosing the same port in between is still possible; for
 * tests and local runs on loopback that risk is small.
 */
export async function freePort(host = '127.0.0.1', random: () => number = Math.random): Promise<number> {
  const high = ephemeralLow();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const port = LOWEST + Math.floor(random() * (high - LOWEST));
    if (await bindable(port, host)) return port;
  }
  return kernelPort(host);
}
