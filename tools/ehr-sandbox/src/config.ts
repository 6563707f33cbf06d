import { ConfigError, envInt, envString, type Env } from '@carebridge/common';
import { MAX_DELAY_MS, MAX_RETRY_AFTER_SECONDS, MAX_SEED, defaultFaultSettings, type FaultSettings } from './faults';

/** A share from 0 to 1, e.g. `0.25`. */
function envRate(env: Env, name: string, fallback: number): number {
  const raw = envString(env, name, '');
  if (raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new ConfigError(`${name} must be a number from 0 to 1, got "${raw}"`);
  }
  return value;
}

export interface SandboxConfig {
  port: number;
  host: string;
  faults: FaultSettings;
}

/** The sandbox's whole configuration; nothing else reads the environment. */
export function readConfig(env: Env = process.env): SandboxConfig {
  return {
    port: envInt(env, 'PORT', 4010, { max: 65535 }),
    host: envString(env, 'HOST', '127.0.0.1'),
    faults: {
      failureRate: envRate(env, 'SANDBOX_FAILURE_RATE', defaultFaultSettings.failureRate),
      retryAfterRate: envRate(env, 'SANDBOX_RETRY_AFTER_RATE', defaultFaultSettings.retryAfterRate),
      lostResponseRate: envRate(env, 'SANDBOX_LOST_RESPONSE_RATE', defaultFaultSettings.lostResponseRate),
      retryAfterSeconds: envInt(env, 'SANDBOX_RETRY_AFTER_SECONDS', defaultFaultSettings.retryAfterSeconds, {
        max: MAX_RETRY_AFTER_SECONDS,
      }),
      delayMs: envInt(env, 'SANDBOX_DELAY_MS', defaultFaultSettings.delayMs, { max: MAX_DELAY_MS }),
      seed: envInt(env, 'SANDBOX_SEED', defaultFaultSettings.seed, { max: MAX_SEED }),
    },
  };
}
