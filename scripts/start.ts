/**
 * `pnpm start`: runs the EHR sandbox and every subgraph in supergraph.yaml, waits until each is
 * ready, then runs the gateway in front of them and prints the URLs. Ctrl-C (or SIGTERM) stops
 * every service and waits for them to exit. How the services are started is `launchServices` in
 * `scripts/lib/stack`; this file is what happens around it. With `--compiled` (what `npm start`
 * passes, after `pnpm build:services`) each service runs its compiled bundle with node, else its
 * TypeScript source through tsx.
 *
 * Ports come from GATEWAY_PORT, SANDBOX_PORT and `<NAME>_PORT` for each subgraph (PATIENT_PORT, …;
 * defaults 4000, 4010 and the port of the subgraph's routing URL in supergraph.yaml); 0 picks a
 * free one.
 *
 * The console is short: every service's full output (its JSON lines, and stderr) goes to a log file,
 * `LOG_FILE` or `logs/carebridge-<time>.log` (each service appends to it itself, `log-file-tee.ts`),
 * and the console shows a line per event that matters (`scripts/lib/console.ts`): warnings and
 * errors, start-up lines, the seed's deliveries summarised; then, once the services are ready and
 * the seed's deliveries summarised (30 s at most), the banner with the URLs and the demo log-ins.
 * `START_OUTPUT=json` (what `startStack` sets for the tests) prints every line as the services
 * print it instead, and the banner as soon as the gateway is ready.
 *
 * A service that crashes stops everything; one that exits cleanly (code 0: someone sent it
 * SIGTERM, and it drained) is reported and the others keep running, as they would in production
 * while an orchestrator replaces it.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS } from '../gateway/src/auth/demo';
import { banner, createConsole, deliveriesSettled, useColor } from './lib/console';
import { launchServices, type LaunchedServices } from './lib/stack';

const json = process.env['START_OUTPUT'] === 'json';
// `npm start` builds the services first (`pnpm build:services`) and runs the bundles with node.
const compiled = process.argv.includes('--compiled');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const logFile = json
  ? process.env['LOG_FILE']
  : resolve(process.env['LOG_FILE'] || resolve(import.meta.dirname, '..', 'logs', `carebridge-${stamp}.log`));
const log = createConsole({ write: (line) => process.stdout.write(line + '\n'), color: useColor(process.stdout) });

let stopping = false;
let launched: LaunchedServices | undefined;

async function stopAll(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await launched?.stop();
  log.flush();
  process.exit(exitCode);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

const localhost = (url: string): string => url.replace('127.0.0.1', 'localhost');

try {
  if (!json && logFile) {
    mkdirSync(dirname(logFile), { recursive: true });
    console.log(`Starting Carebridge. Every service's full log (JSON lines): ${logFile}`);
  }
  launched = await launchServices({
    compiled,
    env: logFile ? { ...process.env, LOG_FILE: logFile } : process.env,
    ...(json ? {} : { onLine: (line: string) => log.line(line) }),
    onExit: (name, code, signal) => {
      // Until every service is ready, launchServices itself stops the others and fails.
      if (stopping || !launched) return;
      if (code === 0) {
        console.error(`${name} stopped (code 0); the other services keep running.`);
      } else {
        console.error(`${name} stopped unexpectedly (code ${code}, signal ${signal}); stopping everything.`);
        void stopAll(1);
      }
    },
  });
  const { gatewayUrl, sandboxUrl } = launched;
  if (!json) await deliveriesSettled(log);
  const lines = [
    `Carebridge is running. GraphQL and Apollo Sandbox: ${localhost(gatewayUrl)}`,
    `Web app (when built, as \`npm start\` does): ${localhost(gatewayUrl).replace('/graphql', '/')}`,
    `EHR sandbox (what reached Athena and Allscripts): ${localhost(sandboxUrl)}/_sandbox/stats`,
    ...(process.env['NODE_ENV'] === 'production'
      ? []
      : [`Demo log-ins (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((user) => user.email).join(', ')}`]),
    ...(logFile ? [`Full log: ${logFile}`] : []),
    'Press Ctrl-C to stop.',
  ];
  console.log(banner(lines));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}
