/**
 * `pnpm start`: runs the EHR sandbox and every subgraph in supergraph.yaml, waits until each is
 * ready, then runs the gateway in front of them and prints the URL. Ctrl-C (or SIGTERM) stops every
 * service and waits for them to exit. How the services are started is `launchServices` in
 * `scripts/lib/stack.ts`; this file is what happens around it.
 *
 * Ports come from GATEWAY_PORT, SANDBOX_PORT and `<NAME>_PORT` for each subgraph (PATIENT_PORT, …;
 * defaults 4000, 4010 and the port of the subgraph's routing URL in supergraph.yaml); 0 picks a
 * free one.
 *
 * A service that crashes stops everything; one that exits cleanly (code 0: someone sent it
 * SIGTERM, and it drained) is reported and the others keep running, as they would in production
 * while an orchestrator replaces it.
 */
import { launchServices, type LaunchedServices } from './lib/stack';

let stopping = false;
let launched: LaunchedServices | undefined;

async function stopAll(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await launched?.stop();
  process.exit(exitCode);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  launched = await launchServices({
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
  console.log(
    `\nCarebridge is running. GraphQL and Apollo Sandbox: ${gatewayUrl.replace('127.0.0.1', 'localhost')}\n` +
      `Web app (when built, as \`npm start\` does): ${gatewayUrl.replace('127.0.0.1', 'localhost').replace('/graphql', '/')}\n` +
      `EHR sandbox (what reached Athena and Allscripts): ${sandboxUrl.replace('127.0.0.1', 'localhost')}/_sandbox/stats\n` +
      'Press Ctrl-C to stop.\n',
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}
