import { describe, expect, it } from 'vitest';
import { dedupeRepresentations, itemsJsonOf, requestBody } from '../src/representations';

const org = (id: string) => ({ __typename: 'Organization', id });

describe('dedupeRepresentations', () => {
  it('leaves distinct representations alone, their JSON kept', () => {
    expect(dedupeRepresentations([org('a')])).toBeUndefined();
    const deduped = dedupeRepresentations([org('a'), org('b')])!;
    expect(deduped.unique).toEqual([org('a'), org('b')]);
    expect(itemsJsonOf(deduped.unique)).toEqual([JSON.stringify(org('a')), JSON.stringify(org('b'))]);
    const answer = { data: { _entities: [{ name: 'A' }, { name: 'B' }] } };
    expect(deduped.expand(answer)).toBe(answer);
  });

  it('sends each distinct representation once and answers every position, in order, with copies', () => {
    const deduped = dedupeRepresentations([org('a'), org('b'), org('a'), org('a')])!;
    expect(deduped.unique).toEqual([org('a'), org('b')]);
    const answer = {
      data: {
        _entities: [
          { name: 'A', system: { name: 's' } },
          { name: 'B', system: null },
        ],
      },
    };
    const expanded = deduped.expand(answer);
    const entities = expanded.data._entities as { name: string; system: { name: string } | null }[];
    expect(entities.map((entity) => entity.name)).toEqual(['A', 'B', 'A', 'A']);
    // The gateway merges each entity into its own place in the answer: no two positions share an object.
    expect(entities[2]).not.toBe(entities[0]);
    expect(entities[2]!.system).not.toBe(entities[0]!.system);
  });

  it('puts an error of a shared representation at every position it answers', () => {
    const deduped = dedupeRepresentations([org('a'), org('b'), org('a')])!;
    const expanded = deduped.expand({
      data: { _entities: [null, { name: 'B' }] },
      errors: [
        { message: 'Forbidden.', path: ['_entities', 0, 'name'] },
        { message: 'Other.', path: ['_entities', 1] },
        { message: 'No path.' },
      ],
    });
    expect(expanded.data._entities).toEqual([null, { name: 'B' }, null]);
    expect(expanded.errors).toEqual([
      { message: 'Forbidden.', path: ['_entities', 0, 'name'] },
      { message: 'Forbidden.', path: ['_entities', 2, 'name'] },
      { message: 'Other.', path: ['_entities', 1] },
      { message: 'No path.' },
    ]);
  });
});

describe('requestBody', () => {
  const query =
    'query($representations:[_Any!]!){_entities(representations:$representations){...on Organization{name}}}';

  it('is JSON.stringify for a body without kept item texts', () => {
    const body = { query, variables: { representations: [org('a')], first: 2 }, operationName: 'Q' };
    expect(requestBody(body)).toBe(JSON.stringify(body));
    expect(requestBody({ query })).toBe(JSON.stringify({ query }));
  });

  it('writes a deduplicated list from the texts the deduplication kept: the same JSON value', () => {
    const { unique } = dedupeRepresentations([org('a'), org('b'), org('a')])!;
    const body = { query, variables: { r0: unique, r1: [org('c')], gone: undefined }, operationName: undefined };
    const text = requestBody(body);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(body)));
    expect(JSON.parse(text)).toEqual({ query, variables: { r0: [org('a'), org('b')], r1: [org('c')] } });
    expect(requestBody({ variables: { r0: unique } })).toBe(`{"variables":{"r0":${JSON.stringify(unique)}}}`);
  });

  it('uses the kept texts rather than serialising the list again', () => {
    const { unique } = dedupeRepresentations([org('a'), org('b')])!;
    // Changed after the texts were kept: the request still carries what the deduplication compared.
    (unique[0] as { id: string }).id = 'changed';
    expect(JSON.parse(requestBody({ query, variables: { representations: unique } }))).toEqual({
      query,
      variables: { representations: [org('a'), org('b')] },
    });
  });
});
