import { describe, expect, it } from 'vitest';
import { entitySelection, mergedEntityFetch, splitMergedResult } from '../src/fetchBatch';

describe('merged entity fetches', () => {
  it('merges only the gateway’s plain entity fetches', () => {
    const plain = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Patient{id}}}';
    expect(entitySelection(plain)).toBe('{...on Patient{id}}');
    expect(entitySelection(plain.replace('query(', 'query Op__ehr__1('))).toBe('{...on Patient{id}}');
    expect(entitySelection('{patients{id}}')).toBeUndefined();
    expect(
      entitySelection(
        'query($representations:[_Any!]!,$lang:Language){_entities(representations:$representations){...on Patient{h(lang:$lang)}}}',
      ),
    ).toBeUndefined();
  });

  it('writes one aliased _entities field per fetch, each with its own variable', () => {
    expect(
      mergedEntityFetch([
        { selection: '{...on Patient{a}}', representations: [1] },
        { selection: '{...on Organization{b}}', representations: [2, 3] },
      ]),
    ).toEqual({
      query:
        'query($r0:[_Any!]!,$r1:[_Any!]!){e0:_entities(representations:$r0){...on Patient{a}} e1:_entities(representations:$r1){...on Organization{b}}}',
      variables: { r0: [1], r1: [2, 3] },
    });
  });

  it('gives each fetch its entities and its errors, paths under _entities, and the request’s errors to all', () => {
    const [first, second] = splitMergedResult(
      {
        data: { e0: [{ a: 1 }], e1: [null, { b: 2 }] },
        errors: [{ message: 'Forbidden.', path: ['e1', 0, 'b'] }, { message: 'Whole request.' }],
      },
      2,
    );
    expect(first).toEqual({ data: { _entities: [{ a: 1 }] }, errors: [{ message: 'Whole request.' }] });
    expect(second).toEqual({
      data: { _entities: [null, { b: 2 }] },
      errors: [{ message: 'Forbidden.', path: ['_entities', 0, 'b'] }, { message: 'Whole request.' }],
    });
    expect(splitMergedResult({ data: { e0: [], e1: [] } }, 2)).toEqual([
      { data: { _entities: [] } },
      { data: { _entities: [] } },
    ]);
  });
});
