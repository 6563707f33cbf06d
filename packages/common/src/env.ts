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

/**
 * The ports the Fetch standard blocks (its "bad ports", as undici's `badPorts` lists them): browsers
 * and Node's `fetch` refuse to connect to them. A service listening on one is unreachable from the
 * web app and from the other services (a subgraph could never fetch the gateway's keys), so it is
 * refused at start-up.
 */
export const FETCH_BAD_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
  111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
  540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
  6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

const badPort = (name: string, port: number): ConfigError =>
  new ConfigError(
    `${name} must not use port ${port}: browsers and fetch() refuse to connect to it (a "bad port" of the Fetch standard)`,
  );

/** A port to listen on, 0 (a free one) to 65535, never one of the `FETCH_BAD_PORTS`. */
export function envPort(env: Env, name: string, fallback: number): number {
  const port = envInt(env, name, fallback, { max: 65535 });
  if (FETCH_BAD_PORTS.has(port)) throw badPort(name, port);
  return port;
}

/** An absolute URL; an http(s) one on one of the `FETCH_BAD_PORTS` is refused, as fetch() would. */
export function envUrl(env: Env, name: string, fallback: string): string {
  const value = envString(env, name, fallback);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL, got "${value}"`);
  }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && FETCH_BAD_PORTS.has(Number(url.port)))
    throw badPort(name, Number(url.port));
  return url.toString();
}
