import { describe, expect, it } from 'vitest';
import { bodyCode, problemKey, requestErrorKey } from './errorMessages';

describe('the servers’ codes as catalogue keys', () => {
  it('says a request’s code, a feature’s own codes first, and the fallback for an unknown one or none', () => {
    expect([
      requestErrorKey('RATE_LIMITED'),
      requestErrorKey('TOO_MANY_ATTEMPTS'),
      requestErrorKey('FORBIDDEN', 'common.unexpectedError', { FORBIDDEN: 'common.forbidden.title' }),
      requestErrorKey('SOMETHING_NEW'),
      requestErrorKey(undefined, 'login.failed'),
    ]).toEqual([
      'error.rateLimited',
      'login.throttled',
      'common.forbidden.title',
      'common.unexpectedError',
      'login.failed',
    ]);
  });

  it('says a field problem by its code, with the field’s own words where they depend on it, never the server’s', () => {
    expect([
      problemKey({ code: 'INVITE_INVALID' }),
      problemKey({ code: 'INVALID_LENGTH' }, { INVALID_LENGTH: 'validation.name' }),
      problemKey({ code: 'INVALID_LENGTH' }),
      problemKey({}),
    ]).toEqual(['problem.inviteInvalid', 'validation.name', 'problem.invalid', 'problem.invalid']);
  });

  it('reads the code of a JSON error body', () => {
    expect([bodyCode({ error: 'x', code: 'NOT_FOUND' }), bodyCode({ code: 3 }), bodyCode(null), bodyCode('x')]).toEqual(
      ['NOT_FOUND', undefined, undefined, undefined],
    );
  });
});
