import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../src/password';

describe('passwordProblem', () => {
  it('refuses the wrong length and a password of spaces only', () => {
    expect(passwordProblem('short')).toBe('tooShort');
    expect(passwordProblem('x'.repeat(129))).toBe('tooLong');
    expect(passwordProblem(' '.repeat(12))).toBe('blank');
    expect(passwordProblem(' \t '.repeat(5))).toBe('blank');
  });

  it.each([
    'password1234',
    'Password123!',
    'P@ssw0rd2024',
    'passwordpassword',
    'Pass-Word 2024!',
    '123456789012',
    '!@#$%^&*()_+',
    'qwertyuiopas',
    'mnbvcxzlkjhg',
    'abcdefghijkl',
    '1qaz2wsx3edc',
    'aaaaaaaaaaaa',
    'abcabcabcabc',
    'hello1hello1',
    'iloveyou1234',
    'letmein12345',
    'welcome2024!!',
    'zxcvbnm12345',
    'carebridge2026',
    'Contraseña2024',
    '2024password2024',
  ])('refuses %s as common or easy to guess', (password) => {
    expect(passwordProblem(password)).toBe('common');
  });

  it('refuses the person’s own email or name, with digits or symbols around it', () => {
    const maria = { email: 'maria.garcia@clinic.test', name: 'María García' };
    expect(passwordProblem('mariagarcia2024', maria)).toBe('personal');
    expect(passwordProblem('Maria.Garcia@clinic.test', maria)).toBe('personal');
    expect(passwordProblem('María García 1!', maria)).toBe('personal');
    expect(passwordProblem('!!garcia123456', maria)).toBe('personal');
    // Someone else's name is no business of this rule.
    expect(passwordProblem('mariagarcia2024', { email: 'olive@pine.test', name: 'Olive Owner' })).toBeUndefined();
  });

  it.each(['correct horse battery', 'a long enough password', 'Tr0ub4dor&3 elephant', 'lamp-otter-river-42'])(
    'accepts %s',
    (password) => {
      expect(passwordProblem(password, { email: 'olive@pine.test', name: 'Olive Owner' })).toBeUndefined();
    },
  );
});
