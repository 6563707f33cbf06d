import { DateScalar, DateTimeScalar } from '@carebridge/common';
import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';

/**
 * JSON is output only here (`ClinicalAnswer.value`: a code list, text, number, yes/no or date), so
 * values pass through as they are; a literal in a query is read as the JSON it spells.
 */
const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});

export const scalars = { Date: DateScalar, DateTime: DateTimeScalar, JSON: JSONScalar };
