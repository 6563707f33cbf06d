/**
 * One Hive Gateway process for the gateway benchmark (`gateway.bench.ts` spawns it): Hive Gateway's
 * runtime over the same supergraph.graphql as ours, with its JavaScript query planner or, with
 * HIVE_PLANNER=rust, the Rust one (@graphql-hive/router-runtime). It forwards the client's
 * `authorization` header to every subgraph (the subgraphs verify it themselves), does not
 * deduplicate upstream requests (ours does not share one subgraph call between client requests
 * either), masks errors and serves neither GraphiQL nor a landing page, as in production.
 *
 * Environment: PORT, HIVE_PLANNER (js | rust), and `<NAME>_URL` for each subgraph.
 */
import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { listSubgraphs } from '../src/subgraphs';

// Hive's executor adds an abort listener per subgraph call to one signal; 50 connections pass the default 10.
setMaxListeners(0);

const ROOT = resolve(import.meta.dirname, '../..');
const planner = process.env['HIVE_PLANNER'] === 'rust' ? 'rust' : 'js';

/** supergraph.graphql with each subgraph's routing URL replaced by where the benchmark runs it. */
function supergraphSdl(): string {
  let sdl = readFileSync(resolve(ROOT, 'supergraph.graphql'), 'utf8');
  for (const subgraph of listSubgraphs()) {
    const url = process.env[subgraph.urlVariable];
    if (url) sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${subgraph.name}", url: )"[^"]*"`), `$1"${url}"`);
  }
  return sdl;
}

const gateway = createGatewayRuntime({
  supergraph: supergraphSdl(),
  ...(planner === 'rust' ? { unifiedGraphHandler } : {}),
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
  },
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  graphiql: false,
  landingPage: false,
  maskedErrors: true,
  logging: 'error',
});

// The runtime is a WHATWG handler that also takes Node's (request, response); it answers every request itself.
const server = createServer((request, response) => void gateway(request, response));
server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // The line the benchmark waits for, in the shape our services print.
  process.stdout.write(
    `${JSON.stringify({ event: 'service.ready', service: `hive-${planner}`, url: `http://127.0.0.1:${port}/graphql`, pid: process.pid })}\n`,
  );
});
const stop = () =>
  server.close(() => {
    void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
  });
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
