import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config';

describe('gateway configuration', () => {
  it('refuses a port that browsers and fetch() refuse, naming the variable', () => {
    expect(() => readConfig({ PORT: '6000' })).toThrow(/^PORT must not use port 6000: browsers and fetch\(\) refuse/);
    expect(() => readConfig({ SUBGRAPH_PATIENT_URL: 'http://127.0.0.1:6666/graphql' })).toThrow(
      /^SUBGRAPH_PATIENT_URL must not use port 6666/,
    );
    expect(readConfig({ PORT: '4000' }).port).toBe(4000);
  });
});
