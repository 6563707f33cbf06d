import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import {
  errorCode,
  fieldProblemsIn,
  graphQLErrors,
  hasErrorCode,
  listItemOf,
  problemsByField,
  problemsOf,
} from './graphqlErrors';

const combined = (...errors: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[]) =>
  new CombinedGraphQLErrors({ data: null, errors });

const badInput = (problems: unknown) => ({
  message: 'Invalid input.',
  extensions: { code: 'BAD_USER_INPUT', problems },
});

describe('graphqlErrors', () => {
  it('reads codes, at or below a response path', () => {
    const error = combined(
      { message: 'x', path: ['patient', 'ehrTransactions'], extensions: { code: 'FORBIDDEN' } },
      { message: 'y', path: ['organization'], extensions: { code: 'NOT_FOUND' } },
    );
    expect(errorCode(error)).toBe('FORBIDDEN');
    expect(hasErrorCode(error, 'FORBIDDEN', ['patient'])).toBe(true);
    expect(hasErrorCode(error, 'NOT_FOUND', ['patient'])).toBe(false);
    expect(graphQLErrors(error, ['organization'])).toHaveLength(1);
    const network = new ServerError('down', { response: new Response(null, { status: 502 }), bodyText: '' });
    expect(errorCode(network)).toBeUndefined();
    expect(graphQLErrors(undefined)).toEqual([]);
  });

  it('lists the well-formed problems of BAD_USER_INPUT errors only, in order', () => {
    const error = combined(
      badInput([{ field: 'mrn', message: 'is used' }, { field: 3 }, null, 'text', { field: 'mrn', message: 'again' }]),
      { message: 'z', extensions: { code: 'FORBIDDEN', problems: [{ field: 'email', message: 'ignored' }] } },
    );
    expect(problemsOf(error)).toEqual([
      { field: 'mrn', message: 'is used' },
      { field: 'mrn', message: 'again' },
    ]);
    expect(problemsByField(error)).toEqual({ mrn: 'is used' });
    expect(problemsOf(new Error('network'))).toEqual([]);
    expect(fieldProblemsIn({ field: 'not a list', message: '' })).toEqual([]);
  });

  it('finds the list item a problem path is about', () => {
    expect(listItemOf('inputs[2].address.city', 'inputs')).toEqual({ index: 2, inner: 'address.city' });
    expect(listItemOf('answers[1].valueCodes[0]', 'answers')).toEqual({ index: 1, inner: 'valueCodes[0]' });
    expect(listItemOf('answers[1]', 'answers')).toEqual({ index: 1, inner: '' });
    expect(listItemOf('draft.fields[3].target', 'fields')).toBeUndefined();
    expect(listItemOf('draft.fields[3].target', 'fields', { nested: true })).toEqual({ index: 3, inner: 'target' });
    expect(listItemOf('subfields[3]', 'fields', { nested: true })).toBeUndefined();
    expect(listItemOf('inputs', 'inputs')).toBeUndefined();
  });
});
