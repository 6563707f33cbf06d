import type { Translate } from '../i18n/I18nProvider';
import { en } from './messages';

/** The catalogue key of a physician's specialty: its code (the English name in capitals, `FAMILY_MEDICINE`). */
export function specialtyKey(specialty: string): string {
  return `patientDetail.specialty.${specialty
    .trim()
    .toUpperCase()
    .replace(/[^A-Z]+/g, '_')}`;
}

const isKnown = (key: string): key is keyof typeof en => Object.hasOwn(en, key);

/** A physician's specialty in the UI language; one the catalogue does not know yet, as the server names it. */
export function specialtyName(t: Translate, specialty: string): string {
  const key = specialtyKey(specialty);
  return isKnown(key) ? t(key) : specialty;
}
