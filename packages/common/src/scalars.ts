import { isIsoDate } from '@carebridge/domain';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoDateTime(value: string): boolean {
  return ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

function stringScalar(name: string, description: string, valid: (v: string) => boolean, hint: string) {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string' || !valid(value)) {
      throw new GraphQLError(`${name} must be ${hint}`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => parse(value),
    parseValue: parse,
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING) {
        throw new GraphQLError(`${name} must be ${hint}`, { extensions: { code: 'BAD_USER_INPUT' } });
      }
      return parse(ast.value);
    },
  });
}

export const DateScalar = stringScalar(
  'Date',
  'A calendar date without time or zone, written YYYY-MM-DD (ISO 8601).',
  isIsoDate,
  'a calendar date written YYYY-MM-DD',
);

export const DateTimeScalar = stringScalar(
  'DateTime',
  'An instant in time, written as an ISO 8601 date-time with a zone (e.g. 2026-03-01T09:30:00Z).',
  isIsoDateTime,
  'an ISO 8601 date-time with a zone, such as 2026-03-01T09:30:00Z',
);
