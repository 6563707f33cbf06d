import { describe, expect, it } from 'vitest';
import { readAuthConfig } from '../src/auth';
import { ConfigError, envPort, envUrl, FETCH_BAD_PORTS } from '../src/env';
import { readSubgraphConfig } from '../src/runtime';

describe('ports and URLs that fetch() refuses', () => {
  it('are refused at start-up, naming the variable', () => {
    // The Fetch standard's list, as undici (Node's fetch) has it: a few of each range.
    for (const port of [1, 6000, 6566, 6665, 6669, 6697, 10080]) expect(FETCH_BAD_PORTS.has(port)).toBe(true);
    expect(() => envPort({ GATEWAY_PORT: '6000' }, 'GATEWAY_PORT', 4000)).toThrow(ConfigError);
    expect(() => envPort({ GATEWAY_PORT: '6000' }, 'GATEWAY_PORT', 4000)).toThrow(
      /^GATEWAY_PORT must not use port 6000/,
    );
    expect(() => readSubgraphConfig({ PORT: '6667' }, 4001)).toThrow(/^PORT must not use port 6667/);
    expect(() => readAuthConfig({ AUTH_JWKS_URL: 'http://127.0.0.1:6000/.well-known/jwks.json' })).toThrow(
      /^AUTH_JWKS_URL must not use port 6000/,
    );
    expect(() => envUrl({ GRAPH_URL: 'https://graph.test:10080/graphql' }, 'GRAPH_URL', '')).toThrow(/port 10080/);
  });

  it('leave every other port alone', () => {
    expect(envPort({}, 'PORT', 4000)).toBe(4000);
    expect(envPort({ PORT: '0' }, 'PORT', 4000)).toBe(0);
    expect(envPort({ PORT: '6001' }, 'PORT', 4000)).toBe(6001);
    expect(() => envPort({ PORT: '70000' }, 'PORT', 4000)).toThrow(/PORT must be a whole number from 0 to 65535/);
    expect(readSubgraphConfig({ PORT: '4001' }, 4001).port).toBe(4001);
    expect(envUrl({}, 'GRAPH_URL', 'http://127.0.0.1:4000/graphql')).toBe('http://127.0.0.1:4000/graphql');
    // The default port of the scheme (no port in the URL) is fine.
    expect(envUrl({ U: 'https://graph.test/graphql' }, 'U', '')).toBe('https://graph.test/graphql');
  });
});
