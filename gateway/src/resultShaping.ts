import {
  isCompositeType,
  isCustomScalarType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isSubtype,
  Variable,
  type CompositeType,
  type FieldSelection,
  type FragmentSelection,
  type NamedType,
  type Operation,
  type Schema,
  type SelectionSet,
  type Type,
} from '@apollo/federation-internals';
import apolloShaping from '@apollo/gateway/dist/resultShaping.js';

/**
 * The last step of executing a query plan: the subgraphs' merged answers shaped into the
 * operation's response (its fields in order under their aliases, `__typename`s, `@skip` and
 * `@include`, the fields only the plan needed left out). @apollo/gateway's `computeResponse`
 * interprets the operation afresh for every response, field by field (its directives looked up,
 * an object allocated per value, assertion messages built as closures): about a sixth of the
 * gateway's CPU under load. This one compiles each operation once into plain steps and runs them.
 *
 * It answers exactly what `computeResponse` answers, or lets it answer: whenever a response
 * would carry a shaping error (a null for a non-null field, an invalid `__typename` or leaf
 * value), or an operation has what the steps do not cover (introspection), the response is
 * shaped by @apollo/gateway's own function from the same, untouched input. A correct answer of
 * the subgraphs, the hot path, never takes that way.
 *
 * Compiled steps are kept per `Operation` object: @apollo/gateway builds one per request unless
 * its executor is given one per document (the `patches/` change to `executeQueryPlan`, which
 * keeps the `Operation` of each parsed document).
 */

type ComputeResponse = typeof apolloShaping.computeResponse;
type ShapingInput = Parameters<ComputeResponse>[0];
type ShapingResult = ReturnType<ComputeResponse>;

/** @apollo/gateway's own, kept before `useCompiledResultShaping` replaces its export. */
const apolloComputeResponse: ComputeResponse = apolloShaping.computeResponse;

/** How a value of a field's type is shaped: the wrappers, then a leaf check or a selection. */
type ValueStep =
  | { kind: 'nonNull'; of: ValueStep }
  | { kind: 'list'; of: ValueStep }
  | { kind: 'leaf'; valid: (value: unknown) => boolean }
  | { kind: 'composite'; type: CompositeType; selections: SelectionStep[] };

/** A directive condition: `@skip(if:)` or `@include(if:)`, on a variable or a constant. */
interface Condition {
  skip: boolean;
  variable: string | undefined;
  constant: boolean;
}

type SelectionStep =
  | {
      kind: 'field';
      responseName: string;
      conditions: Condition[];
      typename: boolean;
      value: ValueStep | undefined;
      /** Whether the field has a selection set: a leaf's value, once set, is kept as it is. */
      selected: boolean;
    }
  | {
      kind: 'fragment';
      conditions: Condition[];
      typeCondition: CompositeType | undefined;
      /** Whether the type condition applies, by runtime type (what `isSubtype` said, once each). */
      applies: Map<NamedType, boolean>;
      selections: SelectionStep[];
    };

interface CompiledOperation {
  schema: Schema;
  rootType: CompositeType;
  defaults: Record<string, unknown>;
  selections: SelectionStep[];
}

/** Thrown to hand a response to @apollo/gateway's own shaping. */
class UseApolloShaping extends Error {}
const USE_APOLLO = new UseApolloShaping('shaped by @apollo/gateway');

const compiled = new WeakMap<Operation, CompiledOperation | null>();
const typesBySchema = new WeakMap<Schema, Map<string, NamedType | undefined>>();

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;

/** `isValidLeafValue` of federation-internals, decided per type once. */
function leafCheck(schema: Schema, type: NamedType): (value: unknown) => boolean {
  if (isCustomScalarType(type)) return () => true;
  const boolean = schema.booleanType();
  const integer = type === schema.intType() || type === schema.idType();
  const float = type === schema.floatType();
  const enumValues = isEnumType(type) ? new Set(type.values.map((value) => value.name)) : undefined;
  const stringAllowed = type !== boolean && type !== schema.intType() && type !== schema.floatType();
  return (value) => {
    if (typeof value === 'boolean') return type === boolean;
    if (typeof value === 'number' && Number.isFinite(value)) return integer ? INTEGER.test(String(value)) : float;
    if (typeof value === 'string') return enumValues ? enumValues.has(value) : stringAllowed;
    return false;
  };
}

function compileValue(schema: Schema, type: Type, selectionSet: SelectionSet | undefined): ValueStep {
  if (isNonNullType(type)) return { kind: 'nonNull', of: compileValue(schema, type.ofType as Type, selectionSet) };
  if (isListType(type)) return { kind: 'list', of: compileValue(schema, type.ofType as Type, selectionSet) };
  if (isCompositeType(type)) {
    if (!selectionSet) throw USE_APOLLO;
    return { kind: 'composite', type, selections: compileSelections(schema, selectionSet) };
  }
  return { kind: 'leaf', valid: leafCheck(schema, type) };
}

function conditionsOf(schema: Schema, element: FieldSelection['element'] | FragmentSelection['element']): Condition[] {
  const conditions: Condition[] = [];
  for (const [skip, definition] of [
    [true, schema.skipDirective()],
    [false, schema.includeDirective()],
  ] as const) {
    const directive = element.appliedDirectivesOf(definition)[0];
    if (directive === undefined) continue;
    const argument: unknown = directive.arguments().if;
    if (typeof argument === 'boolean') conditions.push({ skip, variable: undefined, constant: argument });
    else if (argument instanceof Variable) conditions.push({ skip, variable: argument.name, constant: false });
    else throw USE_APOLLO;
  }
  return conditions;
}

function compileSelections(schema: Schema, selectionSet: SelectionSet): SelectionStep[] {
  return selectionSet.selections().map((selection): SelectionStep => {
    const conditions = conditionsOf(schema, selection.element);
    if (selection.kind === 'FieldSelection') {
      const field = selection.element;
      if (field.definition.isSchemaIntrospectionField()) throw USE_APOLLO;
      const typename = field.name === '__typename';
      return {
        kind: 'field',
        responseName: field.responseName(),
        conditions,
        typename,
        value: typename ? undefined : compileValue(schema, field.definition.type!, selection.selectionSet),
        selected: selection.selectionSet !== undefined,
      };
    }
    return {
      kind: 'fragment',
      conditions,
      typeCondition: selection.element.typeCondition,
      applies: new Map(),
      selections: compileSelections(schema, selection.selectionSet),
    };
  });
}

function compile(operation: Operation): CompiledOperation | null {
  let found = compiled.get(operation);
  if (found !== undefined) return found;
  const schema = operation.schema();
  try {
    found = {
      schema,
      rootType: schema.schemaDefinition.rootType(operation.rootKind)!,
      defaults: operation.collectDefaultedVariableValues(),
      selections: compileSelections(schema, operation.selectionSet),
    };
  } catch (error) {
    if (!(error instanceof UseApolloShaping)) throw error;
    found = null;
  }
  compiled.set(operation, found);
  return found;
}

/** The schema's type of a `__typename`, remembered per schema. */
function typeNamed(schema: Schema, name: string): NamedType | undefined {
  let types = typesBySchema.get(schema);
  if (types === undefined) {
    types = new Map();
    typesBySchema.set(schema, types);
  }
  if (types.has(name)) return types.get(name);
  const type = schema.type(name);
  types.set(name, type);
  return type;
}

function skipped(conditions: Condition[], variables: Record<string, unknown>): boolean {
  for (const { skip, variable, constant } of conditions) {
    let value = constant;
    if (variable !== undefined) {
      const given = variables[variable];
      if (typeof given !== 'boolean') throw USE_APOLLO;
      value = given;
    }
    if (skip === value) return true;
  }
  return false;
}

function applySelections(
  schema: Schema,
  selections: SelectionStep[],
  input: Record<string, unknown>,
  output: Record<string, unknown>,
  variables: Record<string, unknown>,
  parentType: NamedType,
): void {
  for (const selection of selections) {
    if (selection.conditions.length > 0 && skipped(selection.conditions, variables)) continue;
    if (selection.kind === 'field') {
      const { responseName } = selection;
      const outputValue = output[responseName];
      let inputValue = Object.hasOwn(input, responseName) ? (input[responseName] ?? null) : null;
      if (selection.typename) {
        if (outputValue !== undefined) continue;
        if (inputValue === null && responseName !== '__typename') inputValue = input['__typename'] ?? null;
        const type = typeof inputValue === 'string' ? (typeNamed(schema, inputValue) ?? parentType) : parentType;
        if (!isObjectType(type)) throw USE_APOLLO;
        output[responseName] = type.name;
        continue;
      }
      output[responseName] = updateValue(
        schema,
        selection.value!,
        selection.selected,
        outputValue,
        inputValue,
        variables,
      );
    } else {
      const typename = input['__typename'];
      // @apollo/gateway asserts a __typename is a string when it is set.
      if (typename && typeof typename !== 'string') throw USE_APOLLO;
      if (appliesTo(schema, selection, (typename as string) || undefined, parentType)) {
        applySelections(schema, selection.selections, input, output, variables, selection.typeCondition ?? parentType);
      }
    }
  }
}

function appliesTo(
  schema: Schema,
  fragment: Extract<SelectionStep, { kind: 'fragment' }>,
  typename: string | undefined,
  parentType: NamedType,
): boolean {
  const { typeCondition } = fragment;
  if (!typeCondition) return true;
  const runtimeType = typename === undefined ? parentType : typeNamed(schema, typename);
  if (runtimeType === undefined) return false;
  let applies = fragment.applies.get(runtimeType);
  if (applies === undefined) {
    applies = isSubtype(typeCondition, runtimeType);
    fragment.applies.set(runtimeType, applies);
  }
  return applies;
}

function updateValue(
  schema: Schema,
  step: ValueStep,
  selected: boolean,
  outputValue: unknown,
  inputValue: unknown,
  variables: Record<string, unknown>,
): unknown {
  if (outputValue === null || (outputValue !== undefined && !selected)) return outputValue;
  if (step.kind === 'nonNull') {
    const updated = updateValue(schema, step.of, selected, outputValue, inputValue, variables);
    // A null for a non-null field is a shaping error: @apollo/gateway reports it and nulls upward.
    if (updated === null) throw USE_APOLLO;
    return updated;
  }
  if (inputValue === null) return null;
  if (step.kind === 'list') {
    if (!Array.isArray(inputValue)) throw USE_APOLLO;
    if (outputValue !== undefined && (!Array.isArray(outputValue) || outputValue.length !== inputValue.length)) {
      throw USE_APOLLO;
    }
    const previous = outputValue as unknown[] | undefined;
    const updated = new Array<unknown>(inputValue.length);
    for (let index = 0; index < inputValue.length; index++) {
      updated[index] = updateValue(
        schema,
        step.of,
        selected,
        previous?.[index],
        inputValue[index] as unknown,
        variables,
      );
    }
    return updated;
  }
  if (step.kind === 'composite') {
    if (typeof inputValue !== 'object' || (outputValue !== undefined && typeof outputValue !== 'object')) {
      throw USE_APOLLO;
    }
    const record = inputValue as Record<string, unknown>;
    const inputTypename = record['__typename'];
    let objectType: NamedType = step.type;
    if (inputTypename !== undefined && typeof inputTypename !== 'string') throw USE_APOLLO;
    if (inputTypename) {
      const typenameType = typeNamed(schema, inputTypename);
      if (!typenameType || !isCompositeType(typenameType)) throw USE_APOLLO;
      objectType = typenameType;
    }
    const output = (outputValue ?? Object.create(null)) as Record<string, unknown>;
    applySelections(schema, step.selections, record, output, variables, objectType);
    return output;
  }
  if (outputValue !== undefined || !step.valid(inputValue)) throw USE_APOLLO;
  return inputValue;
}

/**
 * The response shaped by the operation's compiled steps, or undefined where @apollo/gateway's
 * own shaping must answer (a shaping error, an operation the steps do not cover).
 */
export function shapeCompiled(parameters: ShapingInput): ShapingResult | undefined {
  const { operation, variables, input } = parameters;
  if (!input) return undefined;
  const steps = compile(operation);
  if (steps === null) return undefined;
  const values = { __proto__: null, ...steps.defaults, ...variables } as Record<string, unknown>;
  const data = Object.create(null) as Record<string, unknown>;
  try {
    applySelections(steps.schema, steps.selections, input, data, values, steps.rootType);
  } catch (error) {
    if (error instanceof UseApolloShaping) return undefined;
    throw error;
  }
  return { data, errors: [] };
}

/** `computeResponse`, compiled per operation; @apollo/gateway's own where a response needs it. */
export function computeResponse(parameters: ShapingInput): ShapingResult {
  return shapeCompiled(parameters) ?? apolloComputeResponse(parameters);
}

/**
 * Makes @apollo/gateway's executor shape responses with `computeResponse` above. Its
 * `executeQueryPlan` calls the function through its module's exports, so replacing the export
 * is what it calls.
 */
export function useCompiledResultShaping(): void {
  apolloShaping.computeResponse = computeResponse;
}
