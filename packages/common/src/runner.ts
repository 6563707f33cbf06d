import type { ServiceContext } from './context';
import {
  firstRoute,
  readShutdownGraceMs,
  serveHttp,
  teeOutputToLogFile,
  type ReadinessCheck,
  type RunningService,
} from './http';
import type { Logger } from './logger';
import type { SubgraphService } from './service';
import { shutdownTracing, startTracing } from './tracing';

/** How a subgraph is served; see `HttpServiceOptions` for `readiness` and `shutdownGraceMs`. */
export interface ServeServiceOptions {
  port: number;
  host?: string;
  readiness?: ReadinessCheck;
  shutdownGraceMs?: number;
  /** What the service's stores opened (database pools, connections): closed last, after the workers. */
  onClosed?: () => Promise<void>;
}

/**
 * Serves a subgraph over HTTP (port 0 picks a free port) with its routes, then starts its workers.
 * `close()` stops in the order that loses nothing: the server drains first (requests it accepted
 * finish within the grace period, so their changes and events are recorded), then each worker
 * stops, the outbox relay delivering what is still pending.
 */
export async function serveService<TContext extends ServiceContext>(
  service: SubgraphService<TContext>,
  { port, host, readiness: extra, shutdownGraceMs, onClosed }: ServeServiceOptions,
): Promise<RunningService> {
  await service.server.start();
  const readiness = allReady([service.readiness, extra]);
  const running = await serveHttp({
    server: service.server,
    logger: service.logger,
    metrics: service.metrics,
    service: service.name,
    port,
    ...(host === undefined ? {} : { host }),
    ...(service.routes.length === 0 ? {} : { routes: firstRoute(...service.routes) }),
    ...(readiness === undefined ? {} : { readiness }),
    ...(shutdownGraceMs === undefined ? {} : { shutdownGraceMs }),
    context: (request, requestId) => service.createContext({ headers: request.headers, requestId }),
  });
  for (const worker of service.workers) worker.start();
  let stopping: Promise<void> | undefined;
  return {
    ...running,
    close: (options) =>
      (stopping ??= (async () => {
        await running.close(options);
        for (const worker of service.workers) await worker.stop();
        await onClosed?.();
      })()),
  };
}

/** Ready when every check is; their `checks` side by side. Undefined when there is none. */
export function allReady(checks: (ReadinessCheck | undefined)[]): ReadinessCheck | undefined {
  const present = checks.filter((check): check is ReadinessCheck => check !== undefined);
  if (present.length <= 1) return present[0];
  return async () => {
    const reports = await Promise.all(present.map((check) => check()));
    return {
      ready: reports.every((report) => report.ready),
      checks: Object.assign({}, ...reports.map((report) => report.checks)) as Record<string, string>,
    };
  };
}

/** `serveService`, then stop cleanly on SIGINT or SIGTERM: all a subgraph's `src/index.ts` does. */
export async function runService<TContext extends ServiceContext>(
  service: SubgraphService<TContext>,
  options: ServeServiceOptions,
): Promise<RunningService> {
  // Traces when OTEL_EXPORTER_OTLP_ENDPOINT is set; `stopOnSignals` flushes them at the end.
  startTracing({ serviceName: service.name });
  const running = await serveService(service, options);
  stopOnSignals(service.logger, () => running.close(), { graceMs: options.shutdownGraceMs });
  return running;
}

export interface StopOnSignalsOptions {
  /**
   * The grace period `stop` is expected to honour (`SHUTDOWN_GRACE_MS` by default). It is logged,
   * and past it plus `STOP_MARGIN_MS` the process exits anyway with code 1: a stop that hangs (a
   * relay waiting on a dead peer, a handle left open) must not keep a replaced instance alive.
   */
  graceMs?: number | undefined;
  /** Replaceable in tests; `process.exit` otherwise. */
  exit?: (code: number) => void;
  /** Replaceable in tests; `process` otherwise. */
  signals?: Pick<NodeJS.Process, 'on'>;
}

/** Time after the grace period for what follows the drain (Apollo's stop, an outbox's last flush). */
export const STOP_MARGIN_MS = 10_000;

/**
 * Runs `stop` on the first SIGINT or SIGTERM, then exits 0 (1 if `stop` failed). `stop` is
 * normally a `RunningService.close()`: readiness fails at once, new connections are refused, and
 * in-flight requests finish within `SHUTDOWN_GRACE_MS`. A second signal exits at once (Ctrl-C
 * twice), and so does a stop that overruns the grace period by more than `STOP_MARGIN_MS`.
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>, options: StopOnSignalsOptions = {}): void {
  const graceMs = options.graceMs ?? readShutdownGraceMs();
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? process;
  // The sandbox logs through here without calling serveHttp: its lines belong in LOG_FILE too.
  teeOutputToLogFile();
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn('service.stop.interrupted', { signal });
      exit(1);
      return;
    }
    stopping = true;
    logger.info('service.stopping', { signal, graceMs });
    const backstop = setTimeout(() => {
      logger.error('service.stop.timeout', { graceMs, marginMs: STOP_MARGIN_MS });
      exit(1);
    }, graceMs + STOP_MARGIN_MS);
    backstop.unref();
    // The spans of the last requests are exported before the process exits.
    stop()
      .then(() => shutdownTracing())
      .then(
        () => {
          clearTimeout(backstop);
          exit(0);
        },
        (error: unknown) => {
          clearTimeout(backstop);
          logger.error('service.stop.failed', { error: error instanceof Error ? error.name : 'unknown' });
          exit(1);
        },
      );
  };
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);
}
