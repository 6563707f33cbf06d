import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { ConfigError } from '@carebridge/common';

/**
 * The client's address, for per-address rate limits and log-in throttles. The socket's peer,
 * unless that peer is a proxy named in TRUSTED_PROXIES: then the right-most address of
 * X-Forwarded-For that is not itself a trusted proxy. Anyone can send X-Forwarded-For, so it counts
 * only as far as proxies we trust appended it; trusting none (the default) ignores it.
 */
export function clientAddress(request: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = normalize(request.socket.remoteAddress ?? '');
  if (!trustedProxies.has(peer)) return peer || 'unknown';
  const header = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => normalize(hop.trim()))
    .filter((hop) => hop !== '');
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // What is left of a malformed entry was not written by a proxy we trust.
    if (isIP(hop) === 0) break;
    client = hop;
    if (!trustedProxies.has(hop)) break;
  }
  return client;
}

/** IPv4 clients of a dual-stack socket appear as `::ffff:a.b.c.d`; one address, one key. */
function normalize(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}

/** TRUSTED_PROXIES: comma-separated IP addresses (no ranges), default none. */
export function parseTrustedProxies(value: string): string[] {
  const addresses = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  for (const address of addresses) {
    if (isIP(address) === 0)
      throw new ConfigError(`TRUSTED_PROXIES must be comma-separated IP addresses; "${address}" is not one`);
  }
  return addresses.map(normalize);
}
