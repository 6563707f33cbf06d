import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';

/**
 * `JSON`: any JSON value, passed through as it is. EHR payloads are free-form by nature (each EHR
 * names its own keys), so they cannot have a GraphQL type of their own.
 */
export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Any JSON value: an object, array, string, number, boolean or null.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
