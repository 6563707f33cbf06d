/**
 * The one rule for the characters of text people type, applied to every text input of the graph
 * (patient demographics, questionnaire texts and answers, EHR mapping texts, sign-up names) and
 * checked first by the web app. Text is compared and stored in Unicode NFC, and refuses what a
 * reader cannot see or what a terminal, a log viewer or another system would interpret instead
 * of show: control characters, bidirectional overrides, zero-width and other format characters,
 * lone surrogates, noncharacters and private-use characters.
 *
 * Unassigned code points are allowed: which are assigned depends on the Unicode version of the
 * JavaScript engine, so refusing them would make the browser and the server disagree.
 */

/** One spelling per text: "é" typed as e + combining accent becomes the single character é. */
export function normalizeText(value: string): string {
  return value.normalize('NFC');
}

/** The kind of character a text is refused for; the first kind found, in this order. */
export type CharacterProblem = 'surrogate' | 'control' | 'bidi' | 'invisible' | 'noncharacter' | 'privateUse';

export interface TextRuleOptions {
  /**
   * Free text (an answer, a note): allows line feed and tab, and the zero-width (non-)joiners
   * U+200C and U+200D, which Persian, Indic scripts and emoji sequences need. Single-line text
   * (names, titles, labels, addresses) refuses them.
   */
  multiline?: boolean;
}

/** A UTF-16 surrogate not part of a pair: not text, and refused by many encoders. */
const LONE_SURROGATE = /\p{Cs}/u;
/** C0 controls, DEL and C1 controls (general category Cc), and the line and paragraph separators. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
/** The same without line feed and tab. */
const CONTROL_MULTILINE = /[^\P{Cc}\n\t]|[\u2028\u2029]/u;
/** Embeddings, overrides, isolates and marks that reorder or redirect how text is displayed. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** Format characters (general category Cf): zero-width spaces and joiners, U+2060, U+FEFF, tags… */
const FORMAT = /\p{Cf}/u;
/** The same without the zero-width non-joiner and joiner. */
const FORMAT_MULTILINE = /[^\P{Cf}\u200C\u200D]/u;
const NONCHARACTER = /\p{Noncharacter_Code_Point}/u;
const PRIVATE_USE = /\p{Co}/u;

/**
 * Why `value` may not be stored as text, or `undefined` when it may. Check the normalized value
 * (`normalizeText`); the answer never depends on where in the value the character is, so a
 * message worded from it cannot repeat the value.
 */
export function characterProblem(
  value: string,
  { multiline = false }: TextRuleOptions = {},
): CharacterProblem | undefined {
  if (LONE_SURROGATE.test(value)) return 'surrogate';
  if ((multiline ? CONTROL_MULTILINE : CONTROL).test(value)) return 'control';
  if (BIDI.test(value)) return 'bidi';
  if ((multiline ? FORMAT_MULTILINE : FORMAT).test(value)) return 'invisible';
  if (NONCHARACTER.test(value)) return 'noncharacter';
  return PRIVATE_USE.test(value) ? 'privateUse' : undefined;
}

/**
 * A spreadsheet reads a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
 * before one) as a formula: `=HYPERLINK(…)`, `-2+3+cmd|…` (OWASP, "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A number alone is harmless where it is read as a formula: a phone `+15551234567`, `-5`, `+2.5`. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** Whether `value` starts like a formula; names may not (a name never starts with =, +, - or @). */
export function startsLikeFormula(value: string): boolean {
  return FORMULA_START.test(value);
}

/**
 * `value` made safe to land in a spreadsheet cell: a value that starts like a formula gets a
 * leading `'` (OWASP's advice), so it is shown as the text it is; a plain number is left as it
 * is, and so is everything else. Applied to what is exported (the payloads sent to EHRs).
 */
export function neutralizeFormula(value: string): string {
  return startsLikeFormula(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}
