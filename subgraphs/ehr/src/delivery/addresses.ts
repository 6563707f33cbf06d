import { isIPv4, isIPv6 } from 'node:net';

/**
 * Which addresses an EHR system an organization configured may be sent to: pure classification of
 * IP addresses, used when a base URL is given (`createEhrSystem`) and again at send time, on every
 * address its host name resolves to (`destinations.ts`).
 */

/** Why an address is no place to send patient data to, unless the operator says otherwise. */
export type AddressRange =
  /** 127.0.0.0/8, ::1: this machine. */
  | 'LOOPBACK'
  /** 10/8, 172.16/12, 192.168/16, 100.64/10 (CGNAT), fc00::/7, fec0::/10: an internal network. */
  | 'PRIVATE'
  /** 169.254/16, fe80::/10: the link, where cloud metadata services answer. */
  | 'LINK_LOCAL'
  /** Cloud metadata services outside the link-local range (fd00:ec2::254, 100.100.100.200). */
  | 'METADATA'
  /** 0.0.0.0/8, :: (connecting there reaches this machine on Linux). */
  | 'UNSPECIFIED'
  /** 224/4, ff00::/8. */
  | 'MULTICAST'
  /** 255.255.255.255. */
  | 'BROADCAST'
  /** Documentation, benchmarking, protocol-assignment, discard and the other reserved ranges. */
  | 'RESERVED';

/**
 * The ranges an operator's allow-list (`EHR_ALLOWED_ORIGINS`) can open for one origin: the sandbox
 * on this machine, an EHR on the hospital's network. Link-local, metadata and the rest stay refused.
 */
export const OPERATOR_OPENABLE: ReadonlySet<AddressRange> = new Set<AddressRange>(['LOOPBACK', 'PRIVATE']);

/** `[a, b, c, d]` for a dotted IPv4 address, undefined for anything else. */
function ipv4Octets(address: string): number[] | undefined {
  if (!isIPv4(address)) return undefined;
  return address.split('.').map(Number);
}

/** The 16 bytes of an IPv6 address (a zone id and the brackets of a URL host allowed), else undefined. */
function ipv6Bytes(input: string): number[] | undefined {
  const address = input.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIPv6(address)) return undefined;
  let text = address;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    tail.push(...ipv4Octets(dotted[1]!)!);
    text = `${text.slice(0, dotted.index)}0:0`;
  }
  const [head = '', rest] = text.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const words = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

function ipv4Range([a = 0, b = 0, c = 0, d = 0]: number[]): AddressRange | null {
  if (a === 0) return 'UNSPECIFIED';
  if (a === 127) return 'LOOPBACK';
  if (a === 169 && b === 254) return 'LINK_LOCAL';
  if (a === 100 && b === 100 && c === 100 && d === 200) return 'METADATA';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'PRIVATE';
  if (a === 100 && b >= 64 && b <= 127) return 'PRIVATE';
  if (a === 255 && b === 255 && c === 255 && d === 255) return 'BROADCAST';
  if (a >= 224 && a <= 239) return 'MULTICAST';
  if (a >= 240) return 'RESERVED';
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return 'RESERVED';
  if ((a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'RESERVED';
  if ((a === 198 && (b === 18 || b === 19)) || (a === 192 && b === 88 && c === 99)) return 'RESERVED';
  return null;
}

const zero = (bytes: number[], from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);

function ipv6Range(bytes: number[]): AddressRange | null {
  const word = (i: number) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!;
  if (zero(bytes, 0, 16)) return 'UNSPECIFIED';
  if (zero(bytes, 0, 15) && bytes[15] === 1) return 'LOOPBACK';
  // IPv4 inside IPv6: mapped (::ffff:a.b.c.d), translated (::ffff:0:a.b.c.d) and compatible
  // (::a.b.c.d, deprecated) are the IPv4 address itself; so are NAT64 (64:ff9b::/96) and 6to4.
  const v4 = (at: number) => ipv4Range(bytes.slice(at, at + 4));
  if (zero(bytes, 0, 10) && word(5) === 0xffff) return v4(12);
  if (zero(bytes, 0, 8) && word(4) === 0xffff && word(5) === 0) return v4(12);
  if (zero(bytes, 0, 12)) return v4(12) ?? 'RESERVED';
  if (word(0) === 0x64 && word(1) === 0xff9b && zero(bytes, 4, 12)) return v4(12);
  if (word(0) === 0x64 && word(1) === 0xff9b && word(2) === 1) return 'PRIVATE';
  if (word(0) === 0x2002) return v4(2);
  if (word(0) === 0xfd00 && word(1) === 0x0ec2 && zero(bytes, 4, 14) && word(7) === 0x254) return 'METADATA';
  if ((bytes[0]! & 0xfe) === 0xfc) return 'PRIVATE';
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0x80) return 'LINK_LOCAL';
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0xc0) return 'PRIVATE';
  if (bytes[0] === 0xff) return 'MULTICAST';
  // Teredo (its IPv4 server and client are inside), documentation, discard-only.
  if (word(0) === 0x2001 && (word(1) === 0 || word(1) === 0x0db8)) return 'RESERVED';
  if (word(0) === 0x100 && zero(bytes, 2, 8)) return 'RESERVED';
  return null;
}

/** Whether `host` is an IP address (IPv6 with or without the brackets of a URL). */
export function isIpAddress(host: string): boolean {
  return ipv4Octets(host) !== undefined || ipv6Bytes(host) !== undefined;
}

/**
 * The refused range an IP address is in, or null for a public address (and for a host name, which
 * is not an address: resolve it first). IPv6 forms of IPv4 addresses count as the IPv4 address.
 */
export function addressRange(address: string): AddressRange | null {
  const octets = ipv4Octets(address);
  if (octets) return ipv4Range(octets);
  const bytes = ipv6Bytes(address);
  return bytes ? ipv6Range(bytes) : null;
}
