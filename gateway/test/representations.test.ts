import { describe, expect, it } from 'vitest';
import { dedupeRepresentations } from '../src/representations';

const org = (id: string) => ({ __typename: 'Organization', id });

describe('dedupeRepresentations', () => {
  it('leaves distinct representations alone', () => {
    expect(dedupeRepresentations([org('a'), org('b')])).toBeUndefined();
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
