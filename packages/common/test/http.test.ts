import { describe, expect, it } from 'vitest';
import { loggablePath } from '../src/http';

describe('loggablePath', () => {
  it('replaces a token in the path, so an intake link never reaches a log', () => {
    expect(loggablePath('/intake/eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJwdC0xIn0.c2lnbmF0dXJl')).toBe('/intake/:token');
  });

  it('replaces a short intake link’s id, which is a credential too', () => {
    expect(loggablePath('/intake/q3V8Xw2kLp0aZ9yTn4Rb7g')).toBe('/intake/:token');
    expect(loggablePath('/intake/')).toBe('/intake/');
  });

  it('keeps ordinary paths as they are', () => {
    expect(loggablePath('/patients/pt-00001')).toBe('/patients/pt-00001');
    expect(loggablePath('/assets/index-4f2a.js')).toBe('/assets/index-4f2a.js');
    expect(loggablePath('/')).toBe('/');
    expect(loggablePath('/assets/vendor.min.js')).toBe('/assets/vendor.min.js');
  });
});
