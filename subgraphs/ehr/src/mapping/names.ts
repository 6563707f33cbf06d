/**
 * EHR system names that cannot pass for another: a new name is normalised (NFKC, trimmed, inner
 * whitespace collapsed), must hold no control or invisible (format) character, must not mix
 * scripts, and must not look like a name the caller already sees (its skeleton, below).
 */

/** A name as it is stored and compared: NFKC, trimmed, each run of whitespace one space. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/gu, ' ');
}

/** Control, format (zero-width, bidi), surrogate, private-use and unassigned code points. */
const INVISIBLE = /\p{C}/u;
const FORMAT = /\p{Cf}/u;

/**
 * Scripts a letter can be of; Han, kana and Hangul count as one (Japanese and Korean mix them).
 * A letter of any other script is its own group, so it mixes with none of these.
 */
const SCRIPTS: readonly [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['CJK', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u],
];

function scriptOf(letter: string): string {
  return SCRIPTS.find(([, pattern]) => pattern.test(letter))?.[0] ?? `other:${letter}`;
}

/** The scripts of a name's letters (digits, spaces and punctuation belong to none). */
function scriptsOf(name: string): Set<string> {
  return new Set([...name].filter((c) => /\p{L}/u.test(c)).map(scriptOf));
}

/**
 * Letters of other scripts that look like Latin ones (the common cases of Unicode's confusables).
 * Each maps by its own shape, before lower-casing: a Cyrillic Н looks like H, a Greek η like n.
 * Accented letters are not listed: the skeleton drops accents first.
 */
const LOOKALIKES = new Map<string, string>(
  (
    [
      // Cyrillic capitals, then small letters
      ['АВЕКМНОРСТХУЅІЈԚԜҮҺӀ', 'abekmhopctxysljqwyhl'],
      ['авекмнорстхуѕіјԛԝүһӏԁɡ', 'abekmhopctxysijqwyhldg'],
      // Greek capitals, then small letters
      ['ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ', 'abezhlkmnoptyx'],
      ['αβγεηικμνορτυχωϲϳ', 'abyenikuvoptuxwcj'],
    ] as const
  ).flatMap(([from, to]) => [...from].map((c, i): [string, string] => [c, to[i]!])),
);

/**
 * What a name looks like, for comparing names: NFKC, invisible characters and accents dropped,
 * look-alike letters of other scripts mapped to Latin, lower-cased, then the letters and digits
 * that look alike within Latin made one (0 and o; 1, i, I, l and |: case-insensitively, I and l
 * cannot be told apart, so neither can i and l), and the pairs that read as one letter (rn and m,
 * vv and w) joined. Two names with one skeleton are one name to a reader.
 */
export function nameSkeleton(name: string): string {
  const latin = [
    ...normalizeName(name)
      .normalize('NFD')
      .replace(/[\p{C}\p{M}]/gu, ''),
  ]
    .map((c) => LOOKALIKES.get(c) ?? c)
    .join('')
    .toLowerCase();
  return latin
    .replace(/0/g, 'o')
    .replace(/[1iı|]/g, 'l')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w');
}

/** What is wrong with a new system's name, given the names the caller already sees; null when nothing. */
export function nameProblem(name: string, visibleNames: readonly string[]): string | null {
  const normalized = normalizeName(name);
  if (normalized.length < 2 || normalized.length > 60) return 'must be 2 to 60 characters';
  // Format characters are refused as given, too: JavaScript counts U+FEFF as whitespace.
  if (INVISIBLE.test(normalized) || FORMAT.test(name)) return 'must not contain control or invisible characters';
  if (scriptsOf(normalized).size > 1) return 'must be written in one script (not, e.g., Latin mixed with Cyrillic)';
  const skeleton = nameSkeleton(normalized);
  if (visibleNames.some((n) => nameSkeleton(n) === skeleton)) return 'is already the name of an EHR system';
  return null;
}
