import { issue, type Issue } from './outcome';

/**
 * A small structural validator for FHIR R4 JSON, driven by element tables written as data: each
 * element is `<cardinality> <type>` (`'1..* Reference'`), a choice element `name[x]` lists its types
 * (`'1..1 CodeableConcept|Reference'`), and a backbone element gives its own table. It checks what a
 * FHIR server's parser refuses: unknown elements, wrong JSON types, malformed primitives, missing
 * required elements, arrays where one value belongs and the reverse, null and empty values, and
 * codes outside a required value set. It does not check profiles, invariants or terminology.
 */

export type Cardinality = '0..1' | '1..1' | '0..*' | '1..*';
export type ElementRule = `${Cardinality} ${string}` | Backbone;
export type Elements = Readonly<Record<string, ElementRule>>;

export interface Backbone {
  card: Cardinality;
  elements: Elements;
}

/** Allowed codes of `code` elements, keyed by their path below the resource (`status`, `item.answer.x`). */
export type CodeSets = Readonly<Record<string, readonly string[]>>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isCalendarDate(year: string, month = '01', day = '01'): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DATE_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

const dated =
  (pattern: RegExp) =>
  (value: unknown): boolean => {
    const match = typeof value === 'string' ? pattern.exec(value) : null;
    return match !== null && isCalendarDate(match[1]!, match[2], match[3]);
  };

const nonEmptyString = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

/** Primitive types: a test and the words for what it expects. */
const primitives: Record<string, [test: (value: unknown) => boolean, expected: string]> = {
  string: [nonEmptyString, 'a non-empty string'],
  markdown: [nonEmptyString, 'a non-empty string'],
  uri: [(v) => typeof v === 'string' && v !== '' && !/\s/.test(v), 'a URI without spaces'],
  canonical: [(v) => typeof v === 'string' && v !== '' && !/\s/.test(v), 'a canonical URL without spaces'],
  code: [(v) => typeof v === 'string' && /^\S+( \S+)*$/.test(v), 'a code (no leading, trailing or double spaces)'],
  id: [(v) => typeof v === 'string' && /^[A-Za-z0-9\-.]{1,64}$/.test(v), 'an id (1-64 letters, digits, - or .)'],
  boolean: [(v) => typeof v === 'boolean', 'true or false'],
  integer: [(v) => Number.isInteger(v), 'a whole number'],
  positiveInt: [(v) => Number.isInteger(v) && (v as number) > 0, 'a whole number above 0'],
  unsignedInt: [(v) => Number.isInteger(v) && (v as number) >= 0, 'a whole number from 0'],
  decimal: [(v) => typeof v === 'number' && Number.isFinite(v), 'a number'],
  date: [dated(DATE), 'a date (YYYY, YYYY-MM or YYYY-MM-DD)'],
  dateTime: [dated(DATE_TIME), 'a dateTime (YYYY-MM-DD, or with a time and a time zone)'],
  instant: [dated(INSTANT), 'an instant (a date and time with a time zone)'],
  time: [(v) => typeof v === 'string' && /^\d{2}:\d{2}:\d{2}(?:\.\d+)?$/.test(v), 'a time (hh:mm:ss)'],
};

/** Complex datatypes the resources use, checked as deep as they matter; others are any object. */
const datatypes: Record<string, Elements> = {
  Coding: {
    system: '0..1 uri',
    version: '0..1 string',
    code: '0..1 code',
    display: '0..1 string',
    userSelected: '0..1 boolean',
  },
  CodeableConcept: { coding: '0..* Coding', text: '0..1 string' },
  Period: { start: '0..1 dateTime', end: '0..1 dateTime' },
  Identifier: {
    use: '0..1 code',
    type: '0..1 CodeableConcept',
    system: '0..1 uri',
    value: '0..1 string',
    period: '0..1 Period',
    assigner: '0..1 Reference',
  },
  Reference: { reference: '0..1 string', type: '0..1 uri', identifier: '0..1 Identifier', display: '0..1 string' },
  HumanName: {
    use: '0..1 code',
    text: '0..1 string',
    family: '0..1 string',
    given: '0..* string',
    prefix: '0..* string',
    suffix: '0..* string',
    period: '0..1 Period',
  },
  ContactPoint: {
    system: '0..1 code',
    value: '0..1 string',
    use: '0..1 code',
    rank: '0..1 positiveInt',
    period: '0..1 Period',
  },
  Address: {
    use: '0..1 code',
    type: '0..1 code',
    text: '0..1 string',
    line: '0..* string',
    city: '0..1 string',
    district: '0..1 string',
    state: '0..1 string',
    postalCode: '0..1 string',
    country: '0..1 string',
    period: '0..1 Period',
  },
  Quantity: {
    value: '0..1 decimal',
    comparator: '0..1 code',
    unit: '0..1 string',
    system: '0..1 uri',
    code: '0..1 code',
  },
  Annotation: { 'author[x]': '0..1 Reference|string', time: '0..1 dateTime', text: '1..1 markdown' },
  Meta: {
    versionId: '0..1 id',
    lastUpdated: '0..1 instant',
    source: '0..1 uri',
    profile: '0..* canonical',
    security: '0..* Coding',
    tag: '0..* Coding',
  },
};
datatypes['Age'] = datatypes['Quantity']!;

const capitalised = (type: string): string => type.charAt(0).toUpperCase() + type.slice(1);

/** The elements every element may carry, besides its own. */
const ELEMENT_BASE: Elements = { id: '0..1 string', extension: '0..* object', modifierExtension: '0..* object' };

interface Parsed {
  min: number;
  many: boolean;
  types: string[];
}

function parse(rule: ElementRule): Parsed & { elements?: Elements } {
  const card = typeof rule === 'string' ? rule.slice(0, 4) : rule.card;
  const types = typeof rule === 'string' ? rule.slice(5).split('|') : ['BackboneElement'];
  const parsed: Parsed = { min: card.startsWith('1') ? 1 : 0, many: card.endsWith('*'), types };
  return typeof rule === 'string' ? parsed : { ...parsed, elements: rule.elements };
}

export class StructureChecker {
  readonly issues: Issue[] = [];

  constructor(private readonly codes: CodeSets = {}) {}

  private add(code: Parameters<typeof issue>[0], diagnostics: string, path: string): void {
    this.issues.push(issue(code, diagnostics, path));
  }

  /** Checks the object's elements against the table; `codePath` is its path for `codes` lookups. */
  elements(value: Record<string, unknown>, elements: Elements, path: string, codePath: string): void {
    const table: Elements = { ...ELEMENT_BASE, ...elements };
    const known = new Map<string, { name: string; type: string; rule: ElementRule }>();
    for (const [name, rule] of Object.entries(table)) {
      const { types } = parse(rule);
      if (name.endsWith('[x]')) {
        const stem = name.slice(0, -3);
        for (const type of types) known.set(stem + capitalised(type), { name, type, rule });
      } else {
        known.set(name, { name, type: types[0]!, rule });
      }
    }
    const present = new Map<string, string[]>();
    for (const key of Object.keys(value)) {
      const base = key.startsWith('_') ? key.slice(1) : key;
      const element = known.get(base);
      if (!element) {
        this.add('structure', 'is not an element of this type', `${path}.${key}`);
        continue;
      }
      if (key.startsWith('_')) continue; // the primitive's id and extensions
      (present.get(element.name) ?? present.set(element.name, []).get(element.name)!).push(key);
      this.element(value[key], element.rule, element.type, `${path}.${key}`, `${codePath}${element.name}`);
    }
    for (const [name, rule] of Object.entries(elements)) {
      const keys = present.get(name) ?? [];
      if (keys.length > 1) this.add('structure', 'has more than one choice of type', `${path}.${name}`);
      if (parse(rule).min > 0 && keys.length === 0) this.add('required', 'is required', `${path}.${name}`);
    }
  }

  private element(value: unknown, rule: ElementRule, type: string, path: string, codePath: string): void {
    const { many, elements } = parse(rule);
    if (many !== Array.isArray(value)) {
      this.add('structure', many ? 'must be an array' : 'must be a single value, not an array', path);
      return;
    }
    const values = many ? (value as unknown[]) : [value];
    if (many && values.length === 0) this.add('structure', 'must not be an empty array', path);
    values.forEach((item, index) => {
      const itemPath = many ? `${path}[${index}]` : path;
      if (elements) this.object(item, itemPath, (object) => this.elements(object, elements, itemPath, `${codePath}.`));
      else this.typed(item, type, itemPath, codePath);
    });
  }

  private object(value: unknown, path: string, then: (object: Record<string, unknown>) => void): void {
    if (!isObject(value)) this.add('structure', value === null ? 'must not be null' : 'must be a JSON object', path);
    else if (Object.keys(value).length === 0) this.add('structure', 'must not be an empty object', path);
    else then(value);
  }

  private typed(value: unknown, type: string, path: string, codePath: string): void {
    const primitive = primitives[type];
    if (primitive) {
      const [test, expected] = primitive;
      if (value === null) this.add('structure', 'must not be null', path);
      else if (!test(value)) this.add('value', `must be ${expected}`, path);
      else if (type === 'code' && this.codes[codePath] && !this.codes[codePath].includes(value as string)) {
        this.add('value', `must be one of ${this.codes[codePath].join(', ')}`, path);
      }
      return;
    }
    const datatype = datatypes[type];
    this.object(value, path, (object) => {
      if (datatype) this.elements(object, datatype, path, `${codePath}.`);
    });
  }
}
