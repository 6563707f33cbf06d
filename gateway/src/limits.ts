import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { GatewayContext } from './contextTypes';

/**
 * How much one operation may ask of the graph. A client (or a stolen token) can otherwise write a
 * few hundred bytes that fan out into millions of subgraph rows: every limit is checked on the
 * parsed document before the query planner runs, so a refused operation costs no subgraph call.
 */
export interface OperationLimits {
  /** Deepest field nesting, fragments expanded. The app's deepest real query is 6 levels. */
  maxDepth: number;
  /** Aliased fields, fragments expanded: aliases are how one request repeats an expensive field. */
  maxAliases: number;
  /** Lexer tokens of the query text; parsing stops at the limit, so a huge query is never parsed whole. */
  maxTokens: number;
  /** Directives (@include, @skip…), fragments expanded. */
  maxDirectives: number;
  /**
   * Estimated objects returned: every object costs 1, scalars and enums 0, multiplied by list sizes
   * (`first`/`last`, else `defaultListSize`). The README's patient list at `first: 100` costs about
   * 2,600; 100 patients each with 20 responses of 20 answers cost over 40,000.
   */
  maxCost: number;
  /** The size assumed for a list whose size the operation does not set with `first`/`last`. */
  defaultListSize: number;
}

export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 2000,
  maxDirectives: 20,
  maxCost: 10_000,
  defaultListSize: 20,
};

export const OPERATION_LIMIT = 'OPERATION_LIMIT';

export interface OperationMeasure {
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
}

type LimitName = 'depth' | 'aliases' | 'tokens' | 'directives' | 'cost';

/** The error a refused operation answers: which limit, the operation's value and the maximum. */
export function operationLimitError(limit: LimitName, value: number | string, max: number): GraphQLError {
  return new GraphQLError(
    `Operation refused: its ${limit} is ${value}, over the limit of ${max}. Ask for less in one request.`,
    { extensions: { code: OPERATION_LIMIT, limit, value, max, http: { status: 400 } } },
  );
}

/** graphql-js's own message when `parse(…, { maxTokens })` stops; graphql 16 spells it "more that". */
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] (\d+) tokens/;

/** Recognises the parse error of the token limit, so that it can answer OPERATION_LIMIT. */
export function tokenLimitFromParseError(message: string): number | undefined {
  const match = TOKEN_LIMIT_MESSAGE.exec(message);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

const ZERO: OperationMeasure = { depth: 0, aliases: 0, directives: 0, cost: 0 };

function isListOutput(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * Measures one operation against the API schema. Fragments are expanded, but each fragment is
 * measured once per list size it inherits (memoised), so fragments that spread each other twice
 * per level cannot make the measuring itself exponential, and a fragment cycle (which validation
 * refuses anyway) counts as empty instead of recursing forever.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  defaultListSize: number,
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const memo = new Map<string, OperationMeasure>();
  const inProgress = new Set<string>();

  /** A list size set by the operation: a literal or a variable (its value, else its default). */
  const sizeArgument = (node: FieldNode): number | undefined => {
    let size: number | undefined;
    for (const argument of node.arguments ?? []) {
      if (argument.name.value !== 'first' && argument.name.value !== 'last') continue;
      let value: unknown;
      if (argument.value.kind === Kind.INT) value = Number(argument.value.value);
      else if (argument.value.kind === Kind.VARIABLE) {
        const name = argument.value.name.value;
        value = variables?.[name];
        if (value === undefined) {
          const fallback = operation.variableDefinitions?.find((v) => v.variable.name.value === name)?.defaultValue;
          if (fallback?.kind === Kind.INT) value = Number(fallback.value);
        }
      }
      // A negative or non-integer size is the subgraph's to refuse; here it only must not lower the cost.
      if (typeof value === 'number' && Number.isInteger(value) && value >= 0) size = Math.max(size ?? 0, value);
    }
    return size;
  };

  const combine = (into: OperationMeasure, part: OperationMeasure): void => {
    into.depth = Math.max(into.depth, part.depth);
    into.aliases += part.aliases;
    into.directives += part.directives;
    into.cost += part.cost;
  };

  const field = (node: FieldNode, parentType: GraphQLNamedType | undefined, inherited?: number): OperationMeasure => {
    const own = { aliases: node.alias ? 1 : 0, directives: node.directives?.length ?? 0 };
    // Introspection is measured for aliases and directives only: its depth is the type system's
    // (Sandbox's own query nests `ofType` nine deep), and production refuses it at validation.
    if (node.name.value === '__schema' || node.name.value === '__type') return { ...ZERO, depth: 1, ...own };
    const definition =
      parentType && (isObjectType(parentType) || isInterfaceType(parentType))
        ? parentType.getFields()[node.name.value]
        : undefined;
    // `__typename` and unknown fields (validation refuses those first) are leaves.
    const type = definition?.type;
    const named = type ? getNamedType(type) : undefined;
    const list = type ? isListOutput(type) : false;
    const size = sizeArgument(node);
    // A list field is as long as its own first/last, or its connection's (`patients(first: 100)
    // { nodes }`: the 100 sizes `nodes`), or the default.
    const multiplier = list ? (size ?? inherited ?? defaultListSize) : 1;
    const self = named && !isLeafType(named) ? 1 : 0;
    const children = node.selectionSet ? selectionSet(node.selectionSet, named, list ? undefined : size) : { ...ZERO };
    return {
      depth: 1 + children.depth,
      aliases: own.aliases + children.aliases,
      directives: own.directives + children.directives,
      cost: multiplier * (self + children.cost),
    };
  };

  const fragment = (name: string, inherited?: number): OperationMeasure => {
    const key = `${name}:${inherited ?? ''}`;
    const known = memo.get(key);
    if (known) return known;
    const definition = fragments.get(name);
    if (!definition || inProgress.has(key)) return ZERO;
    inProgress.add(key);
    const measured = selectionSet(
      definition.selectionSet,
      schema.getType(definition.typeCondition.name.value),
      inherited,
    );
    measured.directives += definition.directives?.length ?? 0;
    inProgress.delete(key);
    memo.set(key, measured);
    return measured;
  };

  const selectionSet = (
    set: SelectionSetNode,
    parentType: GraphQLNamedType | undefined,
    inherited?: number,
  ): OperationMeasure => {
    const total = { ...ZERO };
    for (const selection of set.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          combine(total, field(selection, parentType, inherited));
          break;
        case Kind.INLINE_FRAGMENT: {
          const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
          combine(total, selectionSet(selection.selectionSet, type, inherited));
          total.directives += selection.directives?.length ?? 0;
          break;
        }
        case Kind.FRAGMENT_SPREAD:
          combine(total, fragment(selection.name.value, inherited));
          total.directives += selection.directives?.length ?? 0;
          break;
      }
    }
    return total;
  };

  const root = schema.getRootType(operation.operation) ?? undefined;
  const measured = selectionSet(operation.selectionSet, root);
  measured.directives += operation.directives?.length ?? 0;
  return measured;
}

/** The first limit an operation exceeds, as the error to answer; undefined when within all. */
export function checkLimits(measure: OperationMeasure, limits: OperationLimits): GraphQLError | undefined {
  if (measure.depth > limits.maxDepth) return operationLimitError('depth', measure.depth, limits.maxDepth);
  if (measure.aliases > limits.maxAliases) return operationLimitError('aliases', measure.aliases, limits.maxAliases);
  if (measure.directives > limits.maxDirectives)
    return operationLimitError('directives', measure.directives, limits.maxDirectives);
  if (measure.cost > limits.maxCost) return operationLimitError('cost', measure.cost, limits.maxCost);
  return undefined;
}

/**
 * Refuses an operation over a limit once it is parsed, validated and resolved, which is before the
 * gateway plans or sends anything. (Tokens are limited earlier, by `parseOptions.maxTokens`.)
 */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin<GatewayContext> {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- Apollo Server's hooks are async by contract
    async requestDidStart() {
      return {
        // eslint-disable-next-line @typescript-eslint/require-await -- as above
        async didResolveOperation({ schema, document, operation, request }) {
          // No operation to run: operationResolutionPlugin has refused the request already.
          if (!operation) return;
          const measure = measureOperation(schema, document, operation, request.variables, limits.defaultListSize);
          const refused = checkLimits(measure, limits);
          if (refused) throw refused;
        },
      };
    },
  };
}
