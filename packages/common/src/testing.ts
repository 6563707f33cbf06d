import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeaderMap } from '@apollo/server';
import { Kind, parse, print, visit, type DefinitionNode, type FormattedExecutionResult } from 'graphql';
import {
  exportJWK,
  generateKeyPair,
  SignJWT,
  type JSONWebKeySet,
  type JWTHeaderParameters,
  type JWTPayload,
} from 'jose';
import {
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  TOKEN_ALGORITHM,
  TOKEN_TYPES,
  type Role,
  type StaffViewer,
  type TokenVerifier,
  type Viewer,
} from './auth';
import { AUDIT_WRITE_FAILED, DEV_AUDIT_HMAC_KEY, InMemoryAuditLog } from './audit';
import type { ServiceContext } from './context';
import { REQUEST_ID_HEADER } from './http';
import type { SubgraphService } from './service';

/** Every span of this process recorded in memory (tracing.ts). */
export { startTestTracing } from './tracing';
export type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/**
 * Helpers for tests that call a subgraph in-process. Not used by the services themselves.
 */

/**
 * Any subgraph: the service builds its own context, so its context type does not matter here, and
 * `execute<TData>(service, …)` can name the result type without naming the context type too.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySubgraph = SubgraphService<any>;

/** Runs one operation against a subgraph in-process, with a context built as for an HTTP request. */
export async function execute<TData = Record<string, unknown>>(
  service: AnySubgraph,
  query: string,
  variables: Record<string, unknown> = {},
  headers: IncomingHttpHeaders = {},
): Promise<FormattedExecutionResult<TData>> {
  const contextValue = (await service.createContext({ headers, requestId: randomUUID() })) as ServiceContext;
  const response = await service.server.executeOperation<TData>({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('expected a single result, got an incremental one');
  return response.body.singleResult;
}

/** Apollo Server starts once; several fetchers (several gateways) may share one subgraph. */
const starts = new WeakMap<object, Promise<void>>();
function startOnce(service: AnySubgraph): Promise<void> {
  let started = starts.get(service.server);
  if (!started) {
    started = service.server.start();
    starts.set(service.server, started);
  }
  return started;
}

/** Stops a subgraph an `inProcessFetcher` started; Apollo Server refuses to stop one never started. */
export async function stopIfStarted(service: AnySubgraph): Promise<void> {
  if (starts.has(service.server)) await service.server.stop();
}

/** What the gateway's `fetchers` option takes (@apollo/utils.fetcher's `Fetcher`), as far as used here. */
export type InProcessFetcher = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string | Buffer },
) => Promise<Response>;

/**
 * A fetcher that hands the gateway's subgraph request to a subgraph's Apollo Server in-process,
 * through the same HTTP request handling (headers, CSRF rules, context from headers) a network
 * call gets, without a port. `seen` collects the headers of every request.
 */
export function inProcessFetcher(service: AnySubgraph, seen: Record<string, string>[] = []): InProcessFetcher {
  return async (_url, init = {}) => {
    seen.push({ ...init.headers });
    await startOnce(service);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(init.headers ?? {})) headers.set(key.toLowerCase(), value);
    const result = await service.server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: init.method ?? 'POST',
        headers,
        search: '',
        body: init.body === undefined ? undefined : (JSON.parse(String(init.body)) as unknown),
      },
      context: () =>
        service.createContext({
          headers: Object.fromEntries(headers),
          requestId: headers.get(REQUEST_ID_HEADER) ?? randomUUID(),
        }),
    });
    if (result.body.kind !== 'complete') throw new Error('in-process subgraphs answer in one piece');
    return new Response(result.body.string, {
      status: result.status ?? 200,
      headers: Object.fromEntries(result.headers),
    });
  };
}

/**
 * The SDL a subgraph serves to the gateway (`_service { sdl }`), less what federation adds to
 * every subgraph (its directive and scalar definitions, `_Entity`, `_Service`, `_entities` and
 * `_service`), normalized with `normalizeSdl` so it compares with the schema file.
 */
export async function servedSdl(service: AnySubgraph, headers: IncomingHttpHeaders): Promise<string> {
  const result = await execute<{ _service: { sdl: string } }>(service, '{ _service { sdl } }', {}, headers);
  if (!result.data) throw new Error(`_service query failed: ${JSON.stringify(result.errors)}`);
  const definitions = parse(result.data._service.sdl).definitions.filter((d) => !isFederationMachinery(d));
  return normalizeSdl(print({ kind: Kind.DOCUMENT, definitions: definitions.map(withoutFederationFields) }));
}

const FEDERATION_TYPES = /^(_Any|_Entity|_Service|link__\w+|federation__\w+)$/;

function isFederationMachinery(definition: DefinitionNode): boolean {
  if (definition.kind === Kind.DIRECTIVE_DEFINITION || definition.kind === Kind.SCHEMA_DEFINITION) return true;
  return 'name' in definition && definition.name !== undefined && FEDERATION_TYPES.test(definition.name.value);
}

function withoutFederationFields(definition: DefinitionNode): DefinitionNode {
  if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || definition.name.value !== 'Query') return definition;
  const fields = definition.fields?.filter((f) => f.name.value !== '_entities' && f.name.value !== '_service');
  return { ...definition, fields };
}

/**
 * Prints SDL in graphql-js's canonical layout with top-level definitions sorted by kind and name,
 * and every description as a plain string, so neither layout nor order nor quoting counts.
 */
export function normalizeSdl(sdl: string): string {
  const key = (d: DefinitionNode): string => `${d.kind}:${'name' in d && d.name ? d.name.value : ''}`;
  const document = visit(parse(sdl), { StringValue: (node) => ({ ...node, block: false }) });
  const definitions = [...document.definitions].sort((a, b) => key(a).localeCompare(key(b)));
  return print({ kind: Kind.DOCUMENT, definitions });
}

/** Staff of one organization, for tests. */
export function staff(
  organizationId: string,
  role: Role = 'CLINICIAN',
  userId = `user-${role.toLowerCase()}-${organizationId}`,
): StaffViewer {
  return { kind: 'staff', userId, organizationId, role };
}

export interface TestAuth {
  /** The public keys, as the gateway publishes them. */
  jwks: JSONWebKeySet;
  /** A verifier over `jwks`, to build services with. */
  verifier: TokenVerifier;
  /** A valid token for `viewer`, as the gateway would sign it. */
  token(viewer: Viewer): Promise<string>;
  /** `{ authorization: 'Bearer …' }` for `viewer`. */
  headers(viewer: Viewer): Promise<IncomingHttpHeaders>;
  /** Signs arbitrary header and claims with the test key: for tests of bad tokens. */
  sign(header: JWTHeaderParameters, claims: JWTPayload): Promise<string>;
}

/** A signing key and verifier that stand in for the gateway's, so subgraphs can be tested alone. */
export async function createTestAuth(): Promise<TestAuth> {
  const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
  const kid = 'test-key';
  const jwks: JSONWebKeySet = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: TOKEN_ALGORITHM, use: 'sig' }] };
  const sign = (header: JWTHeaderParameters, claims: JWTPayload): Promise<string> =>
    new SignJWT(claims).setProtectedHeader(header).sign(privateKey);
  const token = (viewer: Viewer): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    const base = { iss: DEFAULT_ISSUER, aud: DEFAULT_AUDIENCE, iat: now, exp: now + 600, jti: randomUUID() };
    return viewer.kind === 'staff'
      ? sign(
          { alg: TOKEN_ALGORITHM, kid, typ: TOKEN_TYPES.access },
          { ...base, sub: viewer.userId, org: viewer.organizationId, role: viewer.role },
        )
      : sign(
          { alg: TOKEN_ALGORITHM, kid, typ: TOKEN_TYPES.intake },
          {
            ...base,
            jti: viewer.linkId,
            sub: viewer.patientId,
            org: viewer.organizationId,
            qid: viewer.questionnaireId,
          },
        );
  };
  return {
    jwks,
    verifier: createTokenVerifier({ jwks }),
    token,
    headers: async (viewer) => ({ authorization: `Bearer ${await token(viewer)}` }),
    sign,
  };
}

/** What a subgraph answers a request whose audit record could not be written: one error, no data. */
export const AUDIT_FAILED_RESULT = {
  data: null,
  errors: [{ message: AUDIT_WRITE_FAILED, extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
};

/** An audit log whose writes fail on demand and recover, for tests of what a failed audit write leaves behind. */
export interface BreakableAuditLog {
  log: InMemoryAuditLog;
  /** From now on every write fails, as on a full disk or a volume that went away. */
  break(): void;
  /** Writes succeed again, continuing the same file. */
  heal(): void;
  /** Removes the file and its directory. */
  remove(): void;
}

/**
 * An `InMemoryAuditLog` on a file (as `AUDIT_LOG_PATH` configures it) in a directory of its own:
 * `break` moves the directory away, so the next append really fails (ENOENT), and `heal` puts it back.
 */
export function breakableAuditLog(service: string): BreakableAuditLog {
  const root = mkdtempSync(join(tmpdir(), `audit-${service}-`));
  const dir = join(root, 'logs');
  const away = join(root, 'away');
  mkdirSync(dir);
  const log = new InMemoryAuditLog({ service, key: DEV_AUDIT_HMAC_KEY, filePath: join(dir, `${service}.audit.jsonl`) });
  return {
    log,
    break: () => renameSync(dir, away),
    heal: () => renameSync(away, dir),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** One sample of a Prometheus text exposition. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * The samples of a Prometheus text exposition, for tests. Throws on a line that is neither a
 * comment nor a sample, so malformed text fails the test.
 */
export function parseMetrics(text: string): MetricSample[] {
  const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
  const label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = sample.exec(line);
      const raw = match?.[3] ?? '';
      // prom-client writes NaN as `Nan`; the format's infinities are `+Inf` and `-Inf`.
      const value = /^nan$/i.test(raw) ? Number.NaN : Number(raw.replace(/Inf$/, 'Infinity'));
      if (!match || (Number.isNaN(value) && !/^nan$/i.test(raw))) throw new Error(`Not a metrics line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(label)].map(([, name, v]) => [name!, v!]));
      return { name: match[1]!, labels, value };
    });
}

/** The sum of the samples named `name` that carry `labels` (and any others); 0 when there is none. */
export function metricValue(samples: MetricSample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((sum, s) => sum + s.value, 0);
}
