import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Env } from './env';

export type { Counter, Gauge, Histogram } from 'prom-client';

/**
 * Prometheus metrics of one service instance: its own registry (never prom-client's global one, so
 * several services in one test process keep their figures apart), the HTTP and GraphQL figures
 * every service has, and whatever a component adds (`counter`, `histogram`, `gauge`: asking twice
 * for one name answers the same metric). `serveHttp` serves it at `GET /metrics`.
 *
 * Labels are low-cardinality only: route and status classes, bounded operation names, subgraph
 * and EHR system ids. Never a patient's id or anything a person typed.
 */
export interface ServiceMetrics {
  readonly service: string;
  readonly registry: Registry;
  counter<L extends string = never>(name: string, help: string, labelNames?: readonly L[]): Counter<L>;
  histogram<L extends string = never>(
    name: string,
    help: string,
    labelNames?: readonly L[],
    buckets?: number[],
  ): Histogram<L>;
  /** A gauge set by `collect` at every scrape (a queue's depth read from its store). */
  gauge<L extends string = never>(
    name: string,
    help: string,
    labelNames: readonly L[],
    collect: (gauge: Gauge<L>) => Promise<void> | void,
  ): Gauge<L>;
  /** One HTTP request answered (serveHttp calls it when the response closes). */
  observeHttp(pathname: string, status: number, seconds: number): void;
  /** Counts and times every GraphQL operation of the Apollo Server it is added to. */
  plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext>;
  /** Who may scrape: see `metricsAccess`. */
  readonly access: MetricsAccess;
  /** The exposition text: this service's metrics, then the process's. */
  text(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsAccess {
  /** `METRICS_TOKEN`: when set, a scrape must send `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** Production (NODE_ENV=production) without a token serves no metrics at all (404). */
  production: boolean;
}

export interface MetricsOptions {
  /** The service's name, the `service` label of every metric of it. */
  service: string;
  /** `METRICS_TOKEN` unless given (undefined: none). */
  token?: string | undefined;
  /** NODE_ENV=production unless given. */
  production?: boolean | undefined;
  env?: Env;
}

/** `METRICS_TOKEN` and NODE_ENV, each unless given. */
export function metricsAccess(options: Omit<MetricsOptions, 'service'> = {}): MetricsAccess {
  const env = options.env ?? process.env;
  const token = 'token' in options ? options.token : env['METRICS_TOKEN'];
  return {
    ...(token ? { token } : {}),
    production: options.production ?? env['NODE_ENV'] === 'production',
  };
}

/** What a scrape gets: 200 (serve it), 401 (wrong or missing token) or 404 (production without a token). */
export function scrapeStatus(access: MetricsAccess, headers: IncomingHttpHeaders): 200 | 401 | 404 {
  if (!access.token) return access.production ? 404 : 200;
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization?.trim() ?? '');
  // Digests of equal length, compared in constant time: neither the token nor its length leaks.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return match && timingSafeEqual(digest(match[1]!), digest(access.token)) ? 200 : 401;
}

/** The route classes of the HTTP metrics: the first path segment of what services serve, else `other`. */
const ROUTE_CLASSES: [prefix: string, routeClass: string][] = [
  ['/graphql', 'graphql'],
  ['/health', 'health'],
  ['/metrics', 'metrics'],
  ['/auth/', 'auth'],
  ['/.well-known/', 'well-known'],
  ['/internal/events', 'events'],
  ['/intake/', 'web'],
];

export function routeClass(pathname: string): string {
  for (const [prefix, name] of ROUTE_CLASSES) if (pathname === prefix || pathname.startsWith(prefix)) return name;
  return 'other';
}

export const statusClass = (status: number): string => `${Math.floor(status / 100)}xx`;

/** The most operation names a service labels; later new names count as `other`. */
export const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Operation names are chosen by clients: a name becomes a label only if it looks like a GraphQL
 * name and is among the first `limit` distinct ones seen; otherwise `other`, and `anonymous` for none.
 */
export function operationLabeler(limit = MAX_OPERATION_NAMES): (name: string | null | undefined) => string {
  const seen = new Set<string>();
  return (name) => {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (seen.has(name)) return name;
    if (seen.size >= limit) return 'other';
    seen.add(name);
    return name;
  };
}

let processRegistry: Registry | undefined;

/**
 * prom-client's default metrics (CPU, memory, event loop, GC) of this process, in a registry of
 * their own made once: each call of collectDefaultMetrics starts observers that are never stopped,
 * and services in one process share the process anyway.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(options: MetricsOptions): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  const access = metricsAccess(options);
  const existing = <T>(name: string): T | undefined => registry.getSingleMetric(name) as T | undefined;

  const counter: ServiceMetrics['counter'] = (name, help, labelNames = []) =>
    existing(name) ?? new Counter({ name, help, labelNames, registers: [registry] });
  const histogram: ServiceMetrics['histogram'] = (name, help, labelNames = [], buckets = SECONDS_BUCKETS) =>
    existing(name) ?? new Histogram({ name, help, labelNames, buckets, registers: [registry] });
  const gauge: ServiceMetrics['gauge'] = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    collect: (gauge: Gauge<L>) => Promise<void> | void,
  ) =>
    existing<Gauge<L>>(name) ??
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        await collect(this);
      },
    });

  const httpRequests = counter('carebridge_http_requests_total', 'HTTP requests answered', ['route', 'status']);
  const httpDuration = histogram('carebridge_http_request_duration_seconds', 'HTTP request duration', [
    'route',
    'status',
  ]);
  const operations = counter('carebridge_graphql_operations_total', 'GraphQL operations executed', ['operation']);
  const operationErrors = counter('carebridge_graphql_errors_total', 'GraphQL operations that answered with errors', [
    'operation',
  ]);
  const operationDuration = histogram('carebridge_graphql_operation_duration_seconds', 'GraphQL operation duration', [
    'operation',
  ]);
  const operationLabel = operationLabeler();

  return {
    service: options.service,
    registry,
    counter,
    histogram,
    gauge,
    access,
    contentType: registry.contentType,
    observeHttp(pathname, status, seconds) {
      const labels = { route: routeClass(pathname), status: statusClass(status) };
      httpRequests.inc(labels);
      httpDuration.observe(labels, seconds);
    },
    plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
      return {
        requestDidStart() {
          const started = performance.now();
          let failed = false;
          return Promise.resolve({
            didEncounterErrors() {
              failed = true;
              return Promise.resolve();
            },
            willSendResponse({ operationName, request, response }) {
              const operation = operationLabel(operationName ?? request.operationName);
              const body = response.body;
              if (body.kind === 'single' && (body.singleResult.errors?.length ?? 0) > 0) failed = true;
              operations.inc({ operation });
              if (failed) operationErrors.inc({ operation });
              operationDuration.observe({ operation }, (performance.now() - started) / 1000);
              return Promise.resolve();
            },
          });
        },
      };
    },
    async text() {
      return (await registry.metrics()) + (await processMetrics().metrics());
    },
  };
}
