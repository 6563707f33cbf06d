import type { SortKey } from '@carebridge/common';
import type { PatientRecord } from './records';

/**
 * Folds text for sorting and searching: lower case without diacritics, so "Ramírez" sorts next to
 * "Ramirez" and a search for "ramirez" finds both, whatever keyboard the staff member has.
 */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The order of the patient list: last name, first name, then id so that every key is unique. */
export function patientSortKey(patient: Pick<PatientRecord, 'id' | 'firstName' | 'lastName'>): SortKey {
  return [fold(patient.lastName), fold(patient.firstName), patient.id];
}

/**
 * The tokens a search word may be a prefix of. Names contribute each word and each part of a
 * hyphenated or apostrophized word, so "lopez" finds "García López" and "jones" finds
 * "Smith-Jones"; MRN and email contribute their whole value.
 */
export function searchTokens(patient: Pick<PatientRecord, 'firstName' | 'lastName' | 'mrn' | 'email'>): string[] {
  const tokens = new Set<string>();
  for (const name of [patient.firstName, patient.lastName]) {
    for (const word of fold(name).split(/\s+/)) {
      if (word === '') continue;
      tokens.add(word);
      for (const part of word.split(/[-'’]+/)) if (part !== '') tokens.add(part);
    }
  }
  tokens.add(fold(patient.mrn));
  if (patient.email !== null) tokens.add(fold(patient.email));
  return [...tokens];
}

/** The words of a search string, folded like the tokens they are matched against. */
export function searchWords(search: string | null | undefined): string[] {
  if (search === null || search === undefined) return [];
  return [...new Set(fold(search).split(/\s+/))].filter((word) => word !== '');
}
