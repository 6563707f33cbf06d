import { isIsoDate } from '@carebridge/domain';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoDateTime(value: string): boolean {
  return ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/** Every message a scalar of this file refuses a value with: none repeats the value. */
const messages = new Set<string>();
export const SCALAR_MESSAGES: ReadonlySet<string> = messages;

function stringScalar(name: string, description: string, valid: (v: string) => boolean, hint: string) {
  const message = `${name} must be ${hint}`;
  messages.add(message);
  const refused = () => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
  const parse = (value: unknown): string => {
    if (typeof value !== 'string' || !valid(value)) throw refused();
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => parse(value),
    parseValue: parse,
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING) throw refused();
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
