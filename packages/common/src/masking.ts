import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors';
import { SCALAR_MESSAGES } from './scalars';

/**
 * What a client may see of an error, shared by the gateway and every subgraph: the codes whose
 * errors are written for clients, the extensions such an error keeps, and its message with every
 * submitted value taken out.
 */

/** Codes whose errors were written for a client: their message names fields and reasons, never values. */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  ...Object.values(ErrorCode),
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** The extensions a client-facing error keeps; anything else (stacktrace, serviceName…) is dropped. */
export const CLIENT_EXTENSIONS: readonly string[] = [
  'code',
  'problems',
  'typename',
  'id',
  'expectedVersion',
  'currentVersion',
];

const NAME = '[_A-Za-z][_0-9A-Za-z]*';
/** A type as graphql-js prints it: `String`, `Date!`, `[ID!]!`. */
const TYPE = '[_0-9A-Za-z!\\[\\]]+';
/** A path into a variable as graphql-js prints it: `input.answers[2].valueText`. */
const PATH = `${NAME}(?:\\.${NAME}|\\[\\d+\\])*`;

/** "Did you mean …?" names schema members; production does not teach its schema to guessers. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/**
 * graphql-js 16's messages that repeat a rejected value, each with the value taken out: a scalar's
 * or an enum's refusal, a literal of the wrong type, an input field the type does not define (its
 * name is the client's, inside a value), an argument. Every rewrite is built only from schema names
 * and types, so nothing the client sent can come back in it. Suggestions go too: they are chosen
 * by their likeness to the value.
 */
const VALUE_MESSAGES: readonly [RegExp, string][] = [
  [
    new RegExp(`^Enum "(${NAME})" cannot represent (non-string|non-enum) value: [\\s\\S]*$`),
    'Enum "$1" cannot represent $2 value.',
  ],
  [new RegExp(`^(${NAME}) cannot represent ([a-z0-9 -]*): [\\s\\S]*$`), '$1 cannot represent $2.'],
  [
    new RegExp(`^Value "[\\s\\S]*" does not exist in "(${NAME})" enum\\.[\\s\\S]*$`),
    'Value does not exist in "$1" enum.',
  ],
  [new RegExp(`^Expected value of type "(${TYPE})", found [\\s\\S]*$`), 'Expected value of type "$1".'],
  [new RegExp(`^Expected type "(${NAME})"\\. [\\s\\S]*$`), 'Expected type "$1".'],
  [
    new RegExp(`^Field "[\\s\\S]*" is not defined by type "(${NAME})"\\.[\\s\\S]*$`),
    'Field is not defined by type "$1".',
  ],
  [new RegExp(`^Argument "(${NAME})" has invalid value [\\s\\S]*$`), 'Argument "$1" has invalid value.'],
  [/^Invalid value [\s\S]*$/, 'Invalid value.'],
];

/** Reasons graphql-js gives for a variable's value that hold no value, kept as they are. */
const VALUE_FREE_REASONS: readonly RegExp[] = [
  new RegExp(`^Expected type "${NAME}" to be an object\\.$`),
  new RegExp(`^Field "${NAME}" of required type "${TYPE}" was not provided\\.$`),
  new RegExp(`^Expected non-nullable type "${TYPE}" not to be null\\.$`),
  new RegExp(`^Exactly one key must be specified for OneOf type "${NAME}"\\.$`),
  new RegExp(`^Field "${NAME}" must be non-null\\.$`),
  new RegExp(`^Expected type "${NAME}"\\.$`),
];

/** `Variable "$input" got invalid value <the value> at "input.gender"; <reason>` (graphql-js 16). */
const VARIABLE_PREFIX = new RegExp(`^Variable "\\$(${NAME})" got invalid value `);
const AT_PATH = new RegExp(` at "(${PATH})"$`);

function rewriteValueMessage(message: string): string | undefined {
  for (const [pattern, replacement] of VALUE_MESSAGES) {
    if (pattern.test(message)) return message.replace(pattern, replacement);
  }
  return undefined;
}

/** A variable's reason without its value, or undefined when it is not one graphql-js gives. */
function valueFreeReason(reason: string): string | undefined {
  if (SCALAR_MESSAGES.has(reason) || VALUE_FREE_REASONS.some((pattern) => pattern.test(reason))) return reason;
  return rewriteValueMessage(reason);
}

/**
 * A variable's refusal as `Variable "$input" has an invalid value at "input.gender": <reason>`.
 * The value (which may hold `; `) comes between the prefix and the reason, so the reason is the
 * shortest tail after a `; ` that reads as one graphql-js gives; the path is the end of what
 * precedes it. Without such a tail the reason is left out.
 */
function variableMessage(name: string, rest: string): string {
  for (let at = rest.lastIndexOf('; '); at >= 0; at = at === 0 ? -1 : rest.lastIndexOf('; ', at - 1)) {
    const reason = valueFreeReason(rest.slice(at + 2));
    if (reason === undefined) continue;
    const path = AT_PATH.exec(rest.slice(0, at))?.[1];
    return `Variable "$${name}" has an invalid value${path ? ` at "${path}"` : ''}: ${reason}`;
  }
  return `Variable "$${name}" has an invalid value.`;
}

/**
 * `message` with every value the client sent taken out: graphql-js repeats rejected values (an
 * enum value, a scalar, a variable's whole input object) and those may be a patient's record. The
 * variable, its path and the expected type stay, so the client still learns what to fix. Messages
 * that hold no value come back unchanged.
 */
export function valueFreeMessage(message: string): string {
  const variable = VARIABLE_PREFIX.exec(message);
  if (variable) return variableMessage(variable[1]!, message.slice(variable[0].length));
  return rewriteValueMessage(message) ?? message;
}

/** A client-facing message: value-free, and in production without suggestions. */
export function clientMessage(message: string, production: boolean): string {
  const withoutValue = valueFreeMessage(message);
  return production ? withoutValue.replace(SUGGESTION, '') : withoutValue;
}

/** The error as a client may see it: its value-free message, where it happened, and the kept extensions. */
export function clientError(
  formatted: GraphQLFormattedError,
  options: { production: boolean; extensions?: readonly string[] },
): GraphQLFormattedError {
  const extensions: Record<string, unknown> = {};
  for (const key of options.extensions ?? CLIENT_EXTENSIONS) {
    if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
  }
  return {
    message: clientMessage(formatted.message, options.production),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions,
  };
}

/** The `code` of a formatted error, when it has one. */
export function formattedCode(formatted: GraphQLFormattedError): string | undefined {
  const code = formatted.extensions?.['code'];
  return typeof code === 'string' ? code : undefined;
}
