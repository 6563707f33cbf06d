import { describe, expect, it } from 'vitest';
import { ConfigError } from '@carebridge/common';
import { addressRange } from '../src/delivery/addresses';
import { checkUrl, DestinationGuard, parseAllowedOrigins, refusalMessage } from '../src/delivery/destinations';
import { readConfig } from '../src/config';

const DEVELOPMENT = { requireHttps: false, allowedOrigins: new Set<string>() };
const PRODUCTION = { requireHttps: true, allowedOrigins: new Set<string>() };
const reason = (url: string, policy = DEVELOPMENT) => {
  const checked = checkUrl(url, policy);
  return checked.ok ? 'ok' : checked.reason;
};

describe('addressRange', () => {
  it.each([
    ['127.0.0.1', 'LOOPBACK'],
    ['127.255.1.2', 'LOOPBACK'],
    ['::1', 'LOOPBACK'],
    ['10.1.2.3', 'PRIVATE'],
    ['172.16.0.1', 'PRIVATE'],
    ['172.31.255.255', 'PRIVATE'],
    ['192.168.1.1', 'PRIVATE'],
    ['100.64.0.1', 'PRIVATE'],
    ['100.127.255.255', 'PRIVATE'],
    ['fc00::1', 'PRIVATE'],
    ['fd12:3456::1', 'PRIVATE'],
    ['169.254.169.254', 'LINK_LOCAL'],
    ['169.254.0.1', 'LINK_LOCAL'],
    ['fe80::1', 'LINK_LOCAL'],
    ['febf::1', 'LINK_LOCAL'],
    ['fe80::1%eth0', 'LINK_LOCAL'],
    ['fd00:ec2::254', 'METADATA'],
    ['100.100.100.200', 'METADATA'],
    ['0.0.0.0', 'UNSPECIFIED'],
    ['0.1.2.3', 'UNSPECIFIED'],
    ['::', 'UNSPECIFIED'],
    ['224.0.0.1', 'MULTICAST'],
    ['239.255.255.250', 'MULTICAST'],
    ['ff02::1', 'MULTICAST'],
    ['255.255.255.255', 'BROADCAST'],
    ['240.0.0.1', 'RESERVED'],
    ['192.0.2.1', 'RESERVED'],
    ['2001:db8::1', 'RESERVED'],
    // IPv6 spellings of IPv4 addresses count as the IPv4 address.
    ['::ffff:127.0.0.1', 'LOOPBACK'],
    ['::ffff:7f00:1', 'LOOPBACK'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', 'LINK_LOCAL'],
    ['::ffff:10.0.0.1', 'PRIVATE'],
    ['::ffff:0:127.0.0.1', 'LOOPBACK'],
    ['::127.0.0.1', 'LOOPBACK'],
    ['::8.8.8.8', 'RESERVED'],
    ['64:ff9b::169.254.169.254', 'LINK_LOCAL'],
    ['2002:7f00:1::', 'LOOPBACK'],
    ['2001:0:4136:e378::1', 'RESERVED'],
  ])('%s is %s', (address, range) => {
    expect(addressRange(address)).toBe(range);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
  ])('%s is public', (address) => {
    expect(addressRange(address)).toBeNull();
  });

  it('knows no range for a host name', () => {
    expect(addressRange('ehr.example')).toBeNull();
  });
});

describe('checkUrl', () => {
  it('accepts a public http(s) URL, http only outside production', () => {
    expect(reason('https://cerner.ehr.example/api')).toBe('ok');
    expect(reason('http://cerner.ehr.example')).toBe('ok');
    expect(reason('https://93.184.215.14:8443/')).toBe('ok');
    expect(reason('http://cerner.ehr.example', PRODUCTION)).toBe('HTTPS_REQUIRED');
    expect(reason('https://cerner.ehr.example', PRODUCTION)).toBe('ok');
  });

  it('refuses what is not an absolute http(s) URL, credentials, a query or a fragment', () => {
    for (const url of [
      '/relative',
      'ftp://files.example',
      'file:///etc/passwd',
      'gopher://x.example',
      'not a url',
      'http://',
    ]) {
      expect(reason(url)).toBe('INVALID_URL');
    }
    expect(reason('https://user:pw@ehr.example')).toBe('CREDENTIALS');
    expect(reason('https://user@ehr.example')).toBe('CREDENTIALS');
    expect(reason('https://ehr.example/?a=1')).toBe('QUERY');
    expect(reason('https://ehr.example/#x')).toBe('QUERY');
  });

  it('refuses loopback, link-local, private and unspecified hosts in every spelling new URL accepts', () => {
    const cases: [string, string][] = [
      ['http://127.0.0.1:4010/', 'LOOPBACK'],
      ['http://2130706433/', 'LOOPBACK'],
      ['http://0x7f000001/', 'LOOPBACK'],
      ['http://0x7f.1/', 'LOOPBACK'],
      ['http://0177.0.0.1/', 'LOOPBACK'],
      ['http://127.1/', 'LOOPBACK'],
      ['http://１２７.0.0.1/', 'LOOPBACK'],
      ['http://[::1]/', 'LOOPBACK'],
      ['http://[::ffff:127.0.0.1]/', 'LOOPBACK'],
      ['http://[0:0:0:0:0:ffff:7f00:1]/', 'LOOPBACK'],
      ['http://localhost:8080/', 'LOOPBACK'],
      ['http://LOCALHOST./', 'LOOPBACK'],
      ['http://ehr.localhost/', 'LOOPBACK'],
      ['http://localhost.localdomain/', 'LOOPBACK'],
      ['http://169.254.169.254/latest/', 'LINK_LOCAL'],
      ['http://2852039166/', 'LINK_LOCAL'],
      ['http://[::ffff:169.254.169.254]/', 'LINK_LOCAL'],
      ['http://[fe80::1]/', 'LINK_LOCAL'],
      ['http://[fd00:ec2::254]/', 'METADATA'],
      ['http://10.0.0.1/', 'PRIVATE'],
      ['http://192.168.0.10/', 'PRIVATE'],
      ['http://172.20.1.1/', 'PRIVATE'],
      ['http://100.64.1.1/', 'PRIVATE'],
      ['http://[fd00::1]/', 'PRIVATE'],
      ['http://postgres:5432/', 'PRIVATE'],
      ['http://metadata.google.internal/', 'PRIVATE'],
      ['http://printer.local/', 'PRIVATE'],
      ['http://0.0.0.0/', 'UNSPECIFIED'],
      ['http://0/', 'UNSPECIFIED'],
      ['http://[::]/', 'UNSPECIFIED'],
      ['http://224.0.0.1/', 'MULTICAST'],
      ['http://255.255.255.255/', 'BROADCAST'],
    ];
    expect(cases.map(([url]) => [url, reason(url)])).toEqual(cases);
  });

  it('lets the operator open loopback and private origins it lists, never link-local or metadata ones', () => {
    const policy = {
      requireHttps: true,
      allowedOrigins: parseAllowedOrigins('http://127.0.0.1:4010, http://10.0.0.7:8080,http://169.254.169.254'),
    };
    expect(reason('http://127.0.0.1:4010/athena', policy)).toBe('ok');
    expect(reason('http://10.0.0.7:8080', policy)).toBe('ok');
    expect(reason('https://127.0.0.1:4011/', policy)).toBe('LOOPBACK');
    expect(reason('https://127.0.0.1:4010/', policy)).toBe('LOOPBACK');
    expect(reason('http://169.254.169.254/latest/', policy)).toBe('LINK_LOCAL');
  });

  it('says why without the URL', () => {
    expect(refusalMessage('LINK_LOCAL')).toBe(
      'must point at a public address, not a loopback, private, link-local or reserved one',
    );
    expect(refusalMessage('CREDENTIALS')).not.toMatch(/http|:\/\//);
  });
});

describe('EHR_ALLOWED_ORIGINS', () => {
  it('is a comma-separated list of origins, normalised', () => {
    expect([...parseAllowedOrigins(' http://127.0.0.1:4010 ,HTTPS://EHR.Example:443/,')]).toEqual([
      'http://127.0.0.1:4010',
      'https://ehr.example',
    ]);
    expect(parseAllowedOrigins(undefined).size).toBe(0);
    expect(readConfig({ EHR_ALLOWED_ORIGINS: 'http://127.0.0.1:4010' }).destinations).toEqual({
      requireHttps: false,
      allowedOrigins: new Set(['http://127.0.0.1:4010']),
    });
    expect(
      readConfig({ NODE_ENV: 'production', SERVICE_EVENTS_SECRET: 'x'.repeat(32), AUDIT_HMAC_KEY: 'k'.repeat(32) })
        .destinations.requireHttps,
    ).toBe(true);
  });

  it('stops the start on anything but an origin', () => {
    for (const value of ['http://127.0.0.1:4010/athena', 'ftp://files.example', 'nonsense']) {
      expect(() => parseAllowedOrigins(value)).toThrow(ConfigError);
    }
  });
});

describe('the destination guard (at send time)', () => {
  const guard = (answers: Record<string, string[]>, policy = DEVELOPMENT) =>
    new DestinationGuard(policy, (hostname) =>
      answers[hostname]
        ? Promise.resolve(answers[hostname].map((address) => ({ address, family: address.includes(':') ? 6 : 4 })))
        : Promise.reject(new Error('ENOTFOUND')),
    );

  it('answers the addresses to connect to when every one is public', async () => {
    const checked = await guard({ 'ehr.example': ['93.184.215.14', '2606:4700::1111'] }).check(
      'https://ehr.example/api',
      'https://ehr.example/api/persons',
    );
    expect(checked).toMatchObject({
      ok: true,
      addresses: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:4700::1111', family: 6 },
      ],
    });
  });

  it('refuses a name resolving to a refused address, and a request off the base URL’s origin', async () => {
    const g = guard({ 'ehr.example': ['93.184.215.14'], 'rebound.example': ['8.8.8.8', '127.0.0.1'] });
    expect(await g.check('https://rebound.example', 'https://rebound.example/p')).toEqual({
      ok: false,
      reason: 'LOOPBACK',
    });
    expect(await g.check('https://ehr.example', 'https://other.example/p')).toEqual({
      ok: false,
      reason: 'INVALID_URL',
    });
    expect(await g.check('https://nowhere.example', 'https://nowhere.example/p')).toEqual({
      ok: false,
      reason: 'UNRESOLVED',
    });
  });

  it('checks an IP address host without DNS', async () => {
    const g = guard({});
    expect(await g.check('http://[::ffff:a9fe:a9fe]', 'http://[::ffff:a9fe:a9fe]/p')).toEqual({
      ok: false,
      reason: 'LINK_LOCAL',
    });
    expect(await g.check('http://93.184.215.14', 'http://93.184.215.14/p')).toMatchObject({
      ok: true,
      addresses: [{ address: '93.184.215.14', family: 4 }],
    });
  });
});
