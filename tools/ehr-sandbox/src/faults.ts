import { seededRandom } from '@carebridge/common';
/**
 * Fault injection for the imitated EHR APIs (and the FHIR server): a share of requests fail with
 * 500, a share answer 503 with `Retry-After`, a share are carried out but their answer is lost, and
 * every answer can be delayed. The draws come from a seeded PRNG
 * (mulberry32), so the same seed and the same request sequence give the same faults.
 */

export interface FaultSettings {
  /** Share of EHR requests answered 500 before anything is done, 0..1. */
  failureRate: number;
  /** Share of EHR requests answered 503 with `Retry-After` before anything is done, 0..1. */
  retryAfterRate: number;
  /**
   * Share of EHR requests that are carried out but whose answer is lost: the connection is closed
   * without a response, as when a network drops it. 0..1.
   */
  lostResponseRate: number;
  /** The `Retry-After` header value of injected 503s. */
  retryAfterSeconds: number;
  /** Fixed delay before every EHR answer, faults included. */
  delayMs: number;
  /** Seed of the PRNG; setting the faults restarts the sequence from it. */
  seed: number;
}

export const defaultFaultSettings: FaultSettings = {
  failureRate: 0,
  retryAfterRate: 0,
  lostResponseRate: 0,
  retryAfterSeconds: 1,
  delayMs: 0,
  seed: 1,
};

export const MAX_DELAY_MS = 60_000;
export const MAX_RETRY_AFTER_SECONDS = 3_600;
export const MAX_SEED = 0xffff_ffff;

export type FaultDecision =
  { kind: 'none' } | { kind: 'fail' } | { kind: 'retry-after'; seconds: number } | { kind: 'lose-response' };

export interface FaultProblem {
  key: string;
  message: string;
}

type FaultKey = keyof FaultSettings;

const limits: Record<FaultKey, { min: number; max: number; integer: boolean }> = {
  failureRate: { min: 0, max: 1, integer: false },
  retryAfterRate: { min: 0, max: 1, integer: false },
  lostResponseRate: { min: 0, max: 1, integer: false },
  retryAfterSeconds: { min: 0, max: MAX_RETRY_AFTER_SECONDS, integer: true },
  delayMs: { min: 0, max: MAX_DELAY_MS, integer: true },
  seed: { min: 0, max: MAX_SEED, integer: true },
};

const describeLimit = (key: FaultKey): string => {
  const { min, max, integer } = limits[key];
  return integer ? `must be a whole number from ${min} to ${max}` : `must be a number from ${min} to ${max}`;
};

/**
 * Checks a (partial) settings object, as sent to `PUT /_sandbox/faults`. Keys left out keep their
 * current value; unknown keys and out-of-range values are problems.
 */
export function validateFaultSettings(input: unknown): { problems: FaultProblem[]; settings: Partial<FaultSettings> } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { problems: [{ key: '(body)', message: 'must be a JSON object' }], settings: {} };
  }
  const problems: FaultProblem[] = [];
  const settings: Partial<FaultSettings> = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (!(key in limits)) {
      problems.push({ key, message: `is not a fault setting (use ${Object.keys(limits).join(', ')})` });
      continue;
    }
    const faultKey = key as FaultKey;
    const { min, max, integer } = limits[faultKey];
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < min ||
      value > max ||
      (integer && !Number.isInteger(value))
    ) {
      problems.push({ key, message: describeLimit(faultKey) });
      continue;
    }
    settings[faultKey] = value;
  }
  return { problems, settings };
}

export class FaultInjector {
  private current: FaultSettings;
  private random: () => number;

  constructor(settings: Partial<FaultSettings> = {}) {
    const { problems } = validateFaultSettings(settings);
    if (problems.length > 0) {
      throw new RangeError(`Invalid fault settings: ${problems.map((p) => `${p.key} ${p.message}`).join('; ')}`);
    }
    this.current = { ...defaultFaultSettings, ...settings };
    this.random = seededRandom(this.current.seed);
  }

  get settings(): FaultSettings {
    return { ...this.current };
  }

  /** Merges already validated settings and restarts the PRNG from the (possibly new) seed. */
  update(settings: Partial<FaultSettings>): FaultSettings {
    this.current = { ...this.current, ...settings };
    this.restart();
    return this.settings;
  }

  /** Starts the PRNG sequence again from the seed. */
  restart(): void {
    this.random = seededRandom(this.current.seed);
  }

  /**
   * One draw per request: below `failureRate` it fails; below `failureRate + retryAfterRate` it
   * answers 503; below that plus `lostResponseRate` the answer is lost. With every rate at 0 no
   * draw is made, so turning faults on starts a fresh sequence.
   */
  decide(): FaultDecision {
    const { failureRate, retryAfterRate, lostResponseRate, retryAfterSeconds } = this.current;
    if (failureRate === 0 && retryAfterRate === 0 && lostResponseRate === 0) return { kind: 'none' };
    const draw = this.random();
    if (draw < failureRate) return { kind: 'fail' };
    if (draw < failureRate + retryAfterRate) return { kind: 'retry-after', seconds: retryAfterSeconds };
    if (draw < failureRate + retryAfterRate + lostResponseRate) return { kind: 'lose-response' };
    return { kind: 'none' };
  }

  get delayMs(): number {
    return this.current.delayMs;
  }
}
