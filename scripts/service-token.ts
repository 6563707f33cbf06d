/**
 * `pnpm service-token`: prints a service token of the gateway, signed with AUTH_SIGNING_KEYS (and
 * AUTH_ISSUER, AUTH_AUDIENCE), for tooling that reads a subgraph's SDL in production, where
 * `_service` answers that token only. It reads `_service` and nothing else, for five minutes:
 *
 *   rover subgraph introspect http://127.0.0.1:4001/graphql \
 *     --header "Authorization: Bearer $(pnpm -s service-token)"
 */
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@carebridge/common';
import { keyRingFromJwks } from '../gateway/src/auth/keys';
import { createTokenIssuer } from '../gateway/src/auth/tokens';

const raw = process.env['AUTH_SIGNING_KEYS'];
if (!raw) {
  process.stderr.write('AUTH_SIGNING_KEYS is needed: the private keys the gateway signs with (a JSON array of JWKs)\n');
  process.exit(1);
}
const tokens = createTokenIssuer({
  keys: await keyRingFromJwks(JSON.parse(raw) as Parameters<typeof keyRingFromJwks>[0]),
  issuer: process.env['AUTH_ISSUER'] || DEFAULT_ISSUER,
  audience: process.env['AUTH_AUDIENCE'] || DEFAULT_AUDIENCE,
});
process.stdout.write(`${await tokens.serviceToken()}\n`);
