/**
 * `pnpm test:stress`: starts the stack on free loopback ports (as `pnpm start` does) and runs the
 * stress mix (`scripts/lib/stress.ts`) against its gateway. Prints throughput and latency
 * percentiles per operation, stops the stack, and exits non-zero when any request failed.
 *
 *   STRESS_RPS          requests started per second (default 40)
 *   STRESS_SECONDS      how long (default 15)
 *   STRESS_CONCURRENCY  requests in flight at most; one over it fails as `overload` (default 64)
 *   STRESS_TIMEOUT_MS   per request (default 10000)
 */
import { envInt } from '@carebridge/common';
import { startStack, type RunningStack } from './lib/stack';
import { report, runStress, type StressSettings } from './lib/stress';

const SETTINGS: StressSettings = {
  rps: envInt(process.env, 'STRESS_RPS', 40, { min: 1, max: 2_000 }),
  seconds: envInt(process.env, 'STRESS_SECONDS', 15, { min: 1, max: 3_600 }),
  concurrency: envInt(process.env, 'STRESS_CONCURRENCY', 64, { min: 1, max: 10_000 }),
  timeoutMs: envInt(process.env, 'STRESS_TIMEOUT_MS', 10_000, { min: 100 }),
};

async function main(): Promise<number> {
  console.log(`stress: starting the stack; ${SETTINGS.rps} requests/s for ${SETTINGS.seconds} s`);
  let stack: RunningStack;
  try {
    stack = await startStack();
  } catch (error) {
    console.error(`stress: ${error instanceof Error ? error.message : String(error)}`);
    console.log('stress: 0 passed, 1 failed');
    return 1;
  }
  let exitCode = 1;
  try {
    // Loopback only: a stress run must never be pointed at a shared environment by accident.
    if (new URL(stack.gatewayUrl).hostname !== '127.0.0.1')
      throw new Error(`not a loopback gateway: ${stack.gatewayUrl}`);
    const { outcomes, elapsedMs } = await runStress({ gatewayUrl: stack.gatewayUrl }, SETTINGS);
    report(outcomes, elapsedMs, SETTINGS);
    const failed = outcomes.filter((o) => !o.ok).length;
    console.log(`stress: ${outcomes.length - failed} passed, ${failed} failed`);
    exitCode = failed === 0 ? 0 : 1;
  } catch (error) {
    console.error(`stress: ${error instanceof Error ? error.message : String(error)}`);
    console.log('stress: 0 passed, 1 failed');
  } finally {
    const stopped = await stack.stop();
    if (stopped !== 0) {
      console.error(`stress: the stack exited with code ${stopped} when stopped`);
      exitCode = 1;
    }
  }
  return exitCode;
}

process.exitCode = await main();
