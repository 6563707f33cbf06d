import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** True for a real calendar date written `YYYY-MM-DD` (so 2023-02-30 is refused). */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

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
