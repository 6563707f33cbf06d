import { describe, expect, it } from 'vitest';
import { Problems, versionConflict } from '../src/errors';

describe('Problems', () => {
  it('throws nothing when empty', () => {
    expect(() => new Problems().throwIfAny()).not.toThrow();
  });

  it('throws every problem at once, with field paths, as BAD_USER_INPUT', () => {
    const inner = new Problems();
    inner.add('email', 'is not an email address');
    const outer = new Problems();
    outer.add('first', 'is too large');
    outer.merge('inputs[2]', inner);
    try {
      outer.throwIfAny();
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        message: 'Invalid input. first: is too large; inputs[2].email: is not an email address',
        extensions: {
          code: 'BAD_USER_INPUT',
          problems: [
            { field: 'first', message: 'is too large' },
            { field: 'inputs[2].email', message: 'is not an email address' },
          ],
        },
      });
    }
  });
});

describe('versionConflict', () => {
  it('says which version was edited and which is current', () => {
    expect(versionConflict('Patient', 'pt-1', 3, 4).extensions).toEqual({
      code: 'VERSION_CONFLICT',
      typename: 'Patient',
      id: 'pt-1',
      expectedVersion: 3,
      currentVersion: 4,
    });
  });
});
