/**
 * Typed readers for environment variables. Each service reads its whole configuration in one
 * `config.ts` through these helpers, so a wrong value stops the service at start-up with a message
 * naming the variable, instead of failing later.
 */
export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function envString(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

export function envInt(
  env: Env,
  name: string,
  fallback: number,
  { min = 0, max = Number.MAX_SAFE_INTEGER } = {},
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

export function envUrl(env: Env, name: string, fallback: string): string {
  const value = envString(env, name, fallback);
  try {
    return new URL(value).toString();
  } catch {
    throw new ConfigError(`${name} must be an absolute URL, got "${value}"`);
  }
}
