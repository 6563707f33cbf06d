import { en, type MessageKey } from './en';
import type { Translate } from './I18nProvider';

/**
 * The message bases that have a `.one` form, and for other counts either the base itself (the
 * catalogues' usual `key` with `{count}`) or a `.other` form.
 */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.one`
    ? Base extends MessageKey
      ? Base
      : `${Base}.other` extends MessageKey
        ? Base
        : never
    : never;
}[MessageKey];

/** The two forms named outright, where the other form is not the base (`patientDetail.resend.done`). */
export interface PluralForms {
  one: MessageKey;
  other: MessageKey;
}

function otherForm(base: PluralKey): MessageKey {
  const other = `${base}.other`;
  return Object.hasOwn(en, other) ? (other as MessageKey) : (base as MessageKey);
}

/**
 * A count in words: `{key}.one` for 1, otherwise `{key}.other` where the catalogues have one, else
 * `key`, with `{count}` filled in.
 */
export function plural(t: Translate, key: PluralKey | PluralForms, count: number): string {
  const forms = typeof key === 'string' ? { one: `${key}.one` as MessageKey, other: otherForm(key) } : key;
  return t(count === 1 ? forms.one : forms.other, { count });
}
