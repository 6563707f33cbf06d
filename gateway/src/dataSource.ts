import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import {
  injectTraceHeaders,
  REQUEST_ID_HEADER,
  silentLogger,
  SpanKind,
  withSpan,
  type Counter,
  type Histogram,
  type Logger,
  type ServiceMetrics,
} from '@carebridge/common';
import {
  GraphQLError,
  Kind,
  parse,
  type DocumentNode,
  type GraphQLFormattedError,
  type SelectionSetNode,
} from 'graphql';
import { STATUS_CODES } from 'node:http';
import type { GatewayContext } from './context';
import { SUBGRAPH_UNAVAILABLE } from './errors';
import { aliasOf, entitySelection, mergedEntityFetch, splitMergedResult } from './fetchBatch';
import { dedupeRepresentations, requestBody } from './representations';
import type { SubgraphHttp } from './subgraphHttp';

type ProcessResult = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;
type ErrorPath = (string | number)[];

interface PendingFetch {
  options: GraphQLDataSourceProcessOptions<GatewayContext>;
  selection: string;
  resolve: (result: ProcessResult) => void;
  reject: (error: unknown) => void;
}

export interface SubgraphDataSourceOptions {
  /** The subgraph's name (supergraph.yaml): it names the service in errors and logs. */
  name: string;
  url?: string;
  /** How to call the subgraph over HTTP (subgraphHttp.ts); the gateway's one client for every subgraph. */
  http?: SubgraphHttp;
  /** A fetch-like function that replaces HTTP (tests serve subgraphs in-process); `http` is then unused. */
  fetcher?: Fetcher;
  logger?: Logger;
  /** The gateway's metrics: each fetch's duration and failures, by subgraph. */
  metrics?: ServiceMetrics;
}

/** The paths that stay empty when a fetch fails, in the form @apollo/gateway maps to the client's paths. */
function missingPaths(query: string | undefined, variables: Record<string, unknown> | undefined): ErrorPath[] {
  let document: DocumentNode | undefined;
  try {
    // The gateway wrote this query itself; it is parsed again only when its fetch has failed.
    document = query === undefined ? undefined : parse(query);
  } catch {
    return [];
  }
  const operation = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return [];
  const fieldNames = (set: SelectionSetNode | undefined): string[] =>
    (set?.selections ?? []).flatMap((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === '__typename' ? [] : [s.alias?.value ?? s.name.value];
      return s.kind === Kind.INLINE_FRAGMENT ? fieldNames(s.selectionSet) : [];
    });
  const representations = variables?.['representations'];
  if (!Array.isArray(representations)) return fieldNames(operation.selectionSet).map((name) => [name]);
  // An entity fetch: the gateway turns `_entities.<i>.<field>` into the path of the i-th entity.
  const entities = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities');
  const fields = entities?.kind === Kind.FIELD ? fieldNames(entities.selectionSet) : [];
  return representations.flatMap((_, index) => fields.map((field) => ['_entities', index, field]));
}

/**
 * The GraphQL errors of a subgraph that was reached and refused the request: a 4xx (other than
 * 401/403, which are about the token) or a 500 whose body is a GraphQL response with errors.
 * Such an answer is not an outage. A 502, 503 or 504, or a body that is not GraphQL, is one.
 */
function refusalOf(error: unknown): GraphQLFormattedError[] | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const response = error.extensions['response'] as { status?: unknown; body?: unknown } | undefined;
  const status = response?.status;
  if (typeof status !== 'number' || !((status >= 400 && status < 500) || status === 500)) return undefined;
  const errors = (response?.body as { errors?: unknown } | null | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const formatted = errors.filter(
    (e): e is GraphQLFormattedError => typeof (e as { message?: unknown } | null)?.message === 'string',
  );
  return formatted.length === errors.length ? formatted : undefined;
}

/**
 * The code a refusal reaches the client with. The gateway validated the operation against the
 * supergraph before planning, so a subgraph refusing the request it was sent as invalid
 * (GRAPHQL_VALIDATION_FAILED: a literal its scalar refuses; BAD_USER_INPUT: a variable) is
 * refusing a value the client sent. INTERNAL_SERVER_ERROR stays (masked); any other code is about
 * the gateway's own request, so it goes without one and is masked and logged as a subgraph error.
 */
function refusalCode(code: unknown): string | undefined {
  if (code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED') return 'BAD_USER_INPUT';
  return code === 'INTERNAL_SERVER_ERROR' ? code : undefined;
}

/** Why a fetch failed, for the log: a reason and a status or system code, never a response body. */
function failureOf(error: unknown): { reason: string; detail?: string | number } {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return { reason: 'timeout' };
  if (error instanceof GraphQLError) {
    const response = error.extensions['response'] as { status?: unknown } | undefined;
    if (typeof response?.status === 'number') return { reason: 'http status', detail: response.status };
    return { reason: 'invalid response' };
  }
  // undici's errors carry the system or undici code themselves; fetch's, on their cause.
  const code =
    error instanceof Error
      ? ((error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code)
      : undefined;
  return { reason: 'network', ...(typeof code === 'string' ? { detail: code } : {}) };
}

/**
 * The headers a fetch for a client's request carries: the verified token, the request id and the
 * trace context (the subgraph's request continues this fetch's span). Health checks and schema
 * loading have no incoming request, hence no token to forward.
 */
function forwardedHeaders(options: GraphQLDataSourceProcessOptions<GatewayContext>): Record<string, string> {
  if (!('incomingRequestContext' in options)) return {};
  return {
    authorization: `Bearer ${options.context.token}`,
    [REQUEST_ID_HEADER]: options.context.requestId,
    ...injectTraceHeaders<Record<string, string>>({}),
  };
}

/**
 * What RemoteGraphQLDataSource does with a subgraph's `cache-control` header: the client's answer
 * is cacheable no longer (and no more publicly) than each subgraph's answer. No header: not at all.
 */
function restrictCachePolicy(
  options: GraphQLDataSourceProcessOptions<GatewayContext>,
  header: string | undefined,
): void {
  if (!('incomingRequestContext' in options)) return;
  const policy = options.incomingRequestContext.overallCachePolicy as
    { restrict?: (hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }) => void } | undefined;
  if (!policy?.restrict) return;
  const maxAge = header ? /(?:^|[\s,])max-age=(\d+)/.exec(header)?.[1] : undefined;
  const scope =
    header && /\bprivate\b/.test(header) ? 'PRIVATE' : header && /\bpublic\b/.test(header) ? 'PUBLIC' : undefined;
  policy.restrict({ maxAge: maxAge === undefined ? 0 : Number(maxAge), ...(scope ? { scope } : {}) });
}

/**
 * Calls one subgraph over HTTP. No client header is passed through: the request a subgraph sees
 * carries only the verified token and the request id set here, so identity headers a client
 * invents (x-user-id, x-organization-id…) never reach a service.
 *
 * When the subgraph cannot be reached, times out or answers something other than a GraphQL
 * response, the fetch answers SUBGRAPH_UNAVAILABLE errors at the paths it would have filled: the
 * client gets the other subgraphs' data, and no internal detail (URLs, bodies, socket errors).
 * A subgraph that answers a refusal (400 with GraphQL errors: a value its scalar rejects) was not
 * unavailable: its errors pass on as what they are, BAD_USER_INPUT at the field they concern.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly serviceName: string;
  private readonly http: SubgraphHttp | undefined;
  private readonly log: Logger;
  private readonly fetchDuration: Histogram<'subgraph'> | undefined;
  private readonly fetchErrors: Counter<'subgraph' | 'reason'> | undefined;
  /** Each client request's entity fetches to this subgraph waiting for the end of the turn. */
  private readonly batches = new WeakMap<object, PendingFetch[]>();

  constructor(options: SubgraphDataSourceOptions) {
    const { name, logger, fetcher, url, metrics } = options;
    super({ url, ...(fetcher ? { fetcher } : {}) });
    this.serviceName = name;
    this.http = fetcher ? undefined : options.http;
    this.log = logger ?? silentLogger;
    this.fetchDuration = metrics?.histogram('carebridge_gateway_subgraph_fetch_duration_seconds', 'Subgraph fetches', [
      'subgraph',
    ]);
    this.fetchErrors = metrics?.counter(
      'carebridge_gateway_subgraph_fetch_errors_total',
      'Subgraph fetches that failed, by reason: auth, refused, timeout, network, http_status, invalid_response',
      ['subgraph', 'reason'],
    );
  }

  private failed(reason: string): void {
    this.fetchErrors?.inc({ subgraph: this.serviceName, reason: reason.replace(' ', '_') });
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http?.headers;
    if (!headers) return;
    for (const [name, value] of Object.entries(forwardedHeaders(options))) headers.set(name, value);
  }

  /**
   * Each fetch of a client's request is a CLIENT span named after the subgraph (tracing.ts). An
   * entity fetch sends each distinct representation once (representations.ts), and goes out with
   * the client request's other entity fetches to this subgraph started in the same turn of the
   * event loop, as one request (fetchBatch.ts); each answers the gateway as if sent alone.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<ProcessResult> {
    if (!('incomingRequestContext' in options)) return this.fetchSubgraph(options);
    const representations: unknown = options.request.variables?.['representations'];
    const deduped = Array.isArray(representations) ? dedupeRepresentations(representations) : undefined;
    const sent = deduped
      ? {
          ...options,
          request: {
            ...options.request,
            variables: { ...options.request.variables, representations: deduped.unique },
          },
        }
      : options;
    const selection = Array.isArray(representations) ? entitySelection(options.request.query) : undefined;
    const result = selection === undefined ? await this.traced(sent) : await this.batched(sent, selection);
    return deduped ? deduped.expand(result) : result;
  }

  private traced(options: GraphQLDataSourceProcessOptions<GatewayContext>, paths?: () => ErrorPath[]) {
    const attributes = { 'carebridge.subgraph': this.serviceName };
    return withSpan(`subgraph ${this.serviceName}`, attributes, () => this.fetchSubgraph(options, paths), {
      kind: SpanKind.CLIENT,
    });
  }

  /** Joins the client request's batch of entity fetches to this subgraph; the batch goes out after this turn. */
  private batched(options: GraphQLDataSourceProcessOptions<GatewayContext>, selection: string): Promise<ProcessResult> {
    let batch = this.batches.get(options.context);
    if (!batch) {
      const started: PendingFetch[] = [];
      batch = started;
      this.batches.set(options.context, started);
      setImmediate(() => {
        this.batches.delete(options.context);
        void this.sendBatch(started);
      });
    }
    return new Promise((resolve, reject) => batch.push({ options, selection, resolve, reject }));
  }

  private async sendBatch(batch: readonly PendingFetch[]): Promise<void> {
    try {
      if (batch.length === 1) {
        batch[0]!.resolve(await this.traced(batch[0]!.options));
        return;
      }
      const first = batch[0]!.options;
      const fetches = batch.map(({ options, selection }) => ({
        selection,
        representations: options.request.variables?.['representations'] as unknown[],
      }));
      const merged = mergedEntityFetch(fetches);
      const options = {
        ...first,
        request: { ...first.request, query: merged.query, variables: merged.variables, operationName: undefined },
      };
      // Should the request fail, each fetch's own paths, under its alias.
      const paths = () =>
        batch.flatMap(({ options: { request } }, i) =>
          missingPaths(request.query, request.variables).map(([, ...rest]) => [aliasOf(i), ...rest]),
        );
      const parts = splitMergedResult(await this.traced(options, paths), batch.length);
      batch.forEach((fetch, i) => fetch.resolve(parts[i]!));
    } catch (error) {
      for (const fetch of batch) fetch.reject(error);
    }
  }

  private async fetchSubgraph(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    failurePaths = () => missingPaths(options.request.query, options.request.variables),
  ): Promise<ProcessResult> {
    const timer = this.fetchDuration?.startTimer({ subgraph: this.serviceName });
    try {
      return await (this.http ? this.send(this.http, options) : super.process(options));
    } catch (error) {
      // Health checks and schema loading report their failures as they are.
      if (!('incomingRequestContext' in options)) throw error;
      const code = error instanceof GraphQLError ? error.extensions['code'] : undefined;
      // A 401/403 from the subgraph is about the caller's token, and says so without internals.
      if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') {
        this.failed('auth');
        throw error;
      }
      const paths = failurePaths();
      const refusal = refusalOf(error);
      this.failed(refusal ? 'refused' : failureOf(error).reason);
      if (refusal) {
        // What the subgraph said, as the error it is; its locations are in the gateway's query, not the client's.
        return {
          errors: refusal.map(({ message, path, extensions }) => {
            const refused = refusalCode(extensions?.['code']);
            const at = path ?? (paths.length === 1 ? paths[0] : undefined);
            return {
              message,
              ...(at ? { path: at } : {}),
              extensions: {
                ...(refused ? { code: refused } : {}),
                ...(extensions?.['problems'] ? { problems: extensions['problems'] } : {}),
              },
            };
          }),
        };
      }
      const failure = failureOf(error);
      this.log.warn('subgraph.unavailable', {
        requestId: options.context.requestId,
        // `service` is the gateway's own name on every line it writes; the subgraph is `subgraph`.
        subgraph: this.serviceName,
        reason: failure.reason,
        detail: failure.detail,
      });
      const message =
        failure.reason === 'timeout'
          ? `The ${this.serviceName} service did not answer in time.`
          : `The ${this.serviceName} service is unavailable.`;
      const extensions = { code: SUBGRAPH_UNAVAILABLE };
      return {
        errors: paths.length > 0 ? paths.map((path) => ({ message, path, extensions })) : [{ message, extensions }],
      };
    } finally {
      timer?.();
    }
  }

  /**
   * RemoteGraphQLDataSource's `process` over `subgraphHttp` instead of node-fetch and fetch: the
   * same request body and headers, the same errors (a non-2xx answer is a GraphQLError carrying
   * the response's status and body, UNAUTHENTICATED for 401, FORBIDDEN for 403), the subgraph's
   * cache-control hint applied to the client's answer.
   */
  private async send(
    http: SubgraphHttp,
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<ProcessResult> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const url = this.url ?? '';
    const { http: _http, ...body } = request;
    const reply = await http.post(
      url,
      { 'content-type': 'application/json', ...forwardedHeaders(options) },
      requestBody(body),
    );
    if (reply.status < 200 || reply.status > 299) {
      const statusText = STATUS_CODES[reply.status] ?? '';
      const code = reply.status === 401 ? 'UNAUTHENTICATED' : reply.status === 403 ? 'FORBIDDEN' : undefined;
      throw new GraphQLError(`${reply.status}: ${statusText}`, {
        extensions: {
          response: { url, status: reply.status, statusText, body: reply.body },
          ...(code ? { code } : {}),
        },
      });
    }
    if (reply.body === null || typeof reply.body !== 'object')
      throw new Error('Expected JSON response body, but received text');
    if ('incomingRequestContext' in options) restrictCachePolicy(options, reply.cacheControl);
    return reply.body;
  }
}
