import { describe, expect, it } from 'vitest';
import { ConfigError } from '@carebridge/common';
import { readConfig } from '../src/config';

describe('readConfig', () => {
  it('defaults to 127.0.0.1:4010 with no faults', () => {
    expect(readConfig({})).toEqual({
      port: 4010,
      host: '127.0.0.1',
      faults: { failureRate: 0, retryAfterRate: 0, lostResponseRate: 0, retryAfterSeconds: 1, delayMs: 0, seed: 1 },
    });
  });

  it('reads the fault settings from SANDBOX_* variables', () => {
    const config = readConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      SANDBOX_FAILURE_RATE: '0.25',
      SANDBOX_RETRY_AFTER_RATE: '0.5',
      SANDBOX_LOST_RESPONSE_RATE: '0.125',
      SANDBOX_RETRY_AFTER_SECONDS: '3',
      SANDBOX_DELAY_MS: '40',
      SANDBOX_SEED: '99',
    });
    expect(config).toEqual({
      port: 0,
      host: '0.0.0.0',
      faults: {
        failureRate: 0.25,
        retryAfterRate: 0.5,
        lostResponseRate: 0.125,
        retryAfterSeconds: 3,
        delayMs: 40,
        seed: 99,
      },
    });
  });

  it('stops at start-up on a rate outside 0..1 or a malformed number, naming the variable', () => {
    expect(() => readConfig({ SANDBOX_FAILURE_RATE: '1.2' })).toThrow(/SANDBOX_FAILURE_RATE/);
    expect(() => readConfig({ SANDBOX_RETRY_AFTER_RATE: 'half' })).toThrow(ConfigError);
    expect(() => readConfig({ SANDBOX_DELAY_MS: '-1' })).toThrow(/SANDBOX_DELAY_MS/);
    expect(() => readConfig({ SANDBOX_LOST_RESPONSE_RATE: '2' })).toThrow(/SANDBOX_LOST_RESPONSE_RATE/);
  });
});
