import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { ConfigError } from '@carebridge/common';
import { addressRange, isIpAddress, OPERATOR_OPENABLE, type AddressRange } from './addresses';

/**
 * Where an EHR system an organization configured may send patient data: the base URL policy of
 * `createEhrSystem`, checked again on every send after DNS (`DestinationGuard`). The systems the
 * operator configured (the seeded ones, pointed by `EHR_SANDBOX_URL`) are trusted and never checked.
 */

export interface DestinationPolicy {
  /** Only https (production); otherwise http is accepted too. */
  requireHttps: boolean;
  /**
   * Origins (`scheme://host:port`) the operator trusts although they are on this machine or an
   * internal network (`EHR_ALLOWED_ORIGINS`), e.g. the EHR sandbox. Link-local and metadata
   * addresses stay refused even when listed; https is not required of a listed origin.
   */
  allowedOrigins: ReadonlySet<string>;
}

/** Why a URL or an address is refused: a reason code, logged instead of the URL. */
export type DestinationRefusal = 'INVALID_URL' | 'CREDENTIALS' | 'HTTPS_REQUIRED' | 'QUERY' | AddressRange;

const MESSAGES: Partial<Record<DestinationRefusal, string>> = {
  INVALID_URL: 'must be an absolute http or https URL',
  CREDENTIALS: 'must not contain a user name or password',
  HTTPS_REQUIRED: 'must use https',
  QUERY: 'must not have a query or a fragment',
};

/** A refusal's message for a `baseUrl` field problem; none repeats the URL. */
export function refusalMessage(reason: DestinationRefusal): string {
  return MESSAGES[reason] ?? 'must point at a public address, not a loopback, private, link-local or reserved one';
}

export type UrlCheck = { ok: true; url: URL; allowListed: boolean } | { ok: false; reason: DestinationRefusal };

/** Host names that are this machine, or an internal network's, without asking DNS. */
function hostNameRange(hostname: string): AddressRange | null {
  const name = hostname.replace(/\.$/, '');
  if (/(^|\.)(localhost|localdomain)$/.test(name)) return 'LOOPBACK';
  // A single label, or a name only an internal resolver answers.
  if (!name.includes('.') || /\.(local|internal|lan|intranet|home\.arpa)$/.test(name)) return 'PRIVATE';
  return null;
}

function refusedRange(range: AddressRange | null, allowListed: boolean): range is AddressRange {
  return range !== null && !(allowListed && OPERATOR_OPENABLE.has(range));
}

/**
 * Checks a URL without DNS: absolute http(s), no credentials, query or fragment, https unless
 * `requireHttps` is off or the origin is allow-listed, and a host that is neither a refused IP
 * address (in any spelling `new URL` normalises: decimal, octal, hex, IPv4-mapped IPv6) nor a
 * name for this machine or an internal network, unless allow-listed.
 */
export function checkUrl(value: string, policy: DestinationPolicy): UrlCheck {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, reason: 'INVALID_URL' };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    return { ok: false, reason: 'INVALID_URL' };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'CREDENTIALS' };
  if (url.search !== '' || url.hash !== '' || value.includes('?') || value.includes('#')) {
    return { ok: false, reason: 'QUERY' };
  }
  const allowListed = policy.allowedOrigins.has(url.origin);
  // The address first: https would not make it a place to send to.
  const range = isIpAddress(url.hostname) ? addressRange(url.hostname) : hostNameRange(url.hostname);
  if (refusedRange(range, allowListed)) return { ok: false, reason: range };
  if (policy.requireHttps && url.protocol !== 'https:' && !allowListed) return { ok: false, reason: 'HTTPS_REQUIRED' };
  return { ok: true, url, allowListed };
}

/** The origins of `EHR_ALLOWED_ORIGINS` (comma-separated), normalised; a malformed one stops the start. */
export function parseAllowedOrigins(value: string | undefined): Set<string> {
  const origins = new Set<string>();
  for (const entry of (value ?? '').split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.href !== `${url.origin}/`) {
      throw new ConfigError(`EHR_ALLOWED_ORIGINS must list origins such as http://127.0.0.1:4010, got "${entry}"`);
    }
    origins.add(url.origin);
  }
  return origins;
}

/** Resolves a host name to every address it has (node:dns `lookup` with `all: true`). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Where a request may go: the checked addresses to connect to, or why it may not. */
export type Destination =
  { ok: true; url: URL; addresses: LookupAddress[] } | { ok: false; reason: DestinationRefusal | 'UNRESOLVED' };

/**
 * The send-time check of an organization's EHR system: its base URL again, then every address its
 * host resolves to. The request (which must stay on the base URL's origin) must then connect to one
 * of `addresses` (see `pinnedFetch`), never resolve the name again, so a DNS answer that changes in
 * between (rebinding) gains nothing.
 */
export class DestinationGuard {
  constructor(
    private readonly policy: DestinationPolicy,
    private readonly resolve: Resolver = systemResolver,
  ) {}

  async check(baseUrl: string, requestUrl: string): Promise<Destination> {
    const checked = checkUrl(baseUrl, this.policy);
    if (!checked.ok) return checked;
    const { allowListed } = checked;
    let url: URL;
    try {
      url = new URL(requestUrl);
    } catch {
      return { ok: false, reason: 'INVALID_URL' };
    }
    if (url.origin !== checked.url.origin) return { ok: false, reason: 'INVALID_URL' };
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: LookupAddress[];
    if (isIpAddress(host)) {
      addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
    } else {
      try {
        addresses = await this.resolve(host);
      } catch {
        return { ok: false, reason: 'UNRESOLVED' };
      }
    }
    if (addresses.length === 0) return { ok: false, reason: 'UNRESOLVED' };
    for (const { address } of addresses) {
      const range = addressRange(address);
      if (refusedRange(range, allowListed)) return { ok: false, reason: range };
    }
    return { ok: true, url, addresses };
  }
}
