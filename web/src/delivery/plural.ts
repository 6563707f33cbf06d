import type { MessageKey } from '../i18n/en';
import type { Translate } from '../i18n/I18nProvider';

/** The message bases that have both a `.one` and an `.other` form. */
export type CountedKey = {
  [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never;
}[MessageKey];

/** `{base}.one` for 1, `{base}.other` otherwise, with `{count}` filled in. */
export function counted(t: Translate, base: CountedKey, count: number): string {
  const key: MessageKey = count === 1 ? `${base}.one` : `${base}.other`;
  return t(key, { count });
}
