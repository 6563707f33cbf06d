/** The languages in which questions, answer options and the interface are available. */
export const LANGUAGES = ['EN', 'ES'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text in every supported language; stored once, rendered in the language asked for. */
export type LocalizedText = Record<Lowercase<Language>, string>;

export function localize(text: LocalizedText, lang: Language): string {
  return lang === 'ES' ? text.es : text.en;
}
