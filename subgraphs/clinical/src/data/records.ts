import type { Language, LocalizedText } from '@carebridge/common';
import type { QuestionCategory, QuestionType, QuestionnaireStatus } from '../__generated__/schema-types';

/**
 * What the store keeps. Every text a patient reads is stored in both languages and rendered per
 * request, and every answer is stored as language-independent values (option codes, never
 * labels), so the language a patient used never changes what reaches an EHR.
 */

export interface AnswerOptionRecord {
  readonly code: string;
  readonly label: LocalizedText;
  /** Absent when the questionnaire gives none (e.g. NONE); see `codings.ts`. */
  readonly coding?: OptionCoding;
}

/** A code in a code system, as a FHIR Coding without its display (the option's label is that). */
export interface OptionCoding {
  readonly system: string;
  readonly code: string;
}

export interface QuestionnaireItemRecord {
  readonly linkId: string;
  readonly category: QuestionCategory;
  readonly text: LocalizedText;
  readonly type: QuestionType;
  /** Empty for questions that are not choice questions. */
  readonly options: readonly AnswerOptionRecord[];
  readonly required: boolean;
}

/**
 * One version. Its content never changes once published; only `status` moves from ACTIVE to
 * RETIRED when a newer version is published, because responses keep pointing at it.
 */
export interface QuestionnaireRecord {
  readonly id: string;
  /**
   * The organization that created it and alone may read and revise it, or null for a shared,
   * platform-managed questionnaire (the seeded intake one) that every organization reads and
   * none revises. Every version of a name has the same value.
   */
  readonly organizationId: string | null;
  readonly name: string;
  readonly version: number;
  readonly status: QuestionnaireStatus;
  readonly title: LocalizedText;
  readonly items: readonly QuestionnaireItemRecord[];
  readonly publishedAt: string;
}

/** Exactly one value, in the field named after the question's type (as in FHIR). */
export type AnswerValue =
  | { readonly valueBoolean: boolean }
  /** Option codes, in the question's option order: a choice is a set, so order carries nothing. */
  | { readonly valueCodes: readonly string[] }
  | { readonly valueString: string }
  | { readonly valueNumber: number }
  | { readonly valueDate: string };

/** An answer as stored: which question, and its value. Structurally an `AnswerInput`. */
export type StoredAnswer = { readonly linkId: string } & AnswerValue;

export interface QuestionnaireResponseRecord {
  readonly id: string;
  readonly patientId: string;
  /** The organization of whoever submitted it (the patient's): only its staff read the response. */
  readonly organizationId: string;
  /** The exact version answered; answers are only meaningful against its items. */
  readonly questionnaireId: string;
  readonly language: Language;
  /** In the questionnaire's item order. */
  readonly answers: readonly StoredAnswer[];
  readonly submittedAt: string;
  /** The staff user's id, or `patient` when the patient answered through an intake link. */
  readonly submittedBy: string;
}

/**
 * An answer as served: the stored answer joined with the question of the version answered, which
 * is what `display(lang)` and `item` need. Built per request, never stored.
 */
export type AnswerRecord = StoredAnswer & { readonly item: QuestionnaireItemRecord };

/**
 * All that is kept of a deleted patient (the patient subgraph's `patient.deleted`): that it was
 * deleted, by which organization, and when. Its responses are erased; the tombstone refuses new ones.
 */
export interface PatientTombstoneRecord {
  readonly patientId: string;
  readonly organizationId: string;
  readonly deletedAt: string;
}

/** A patient as this subgraph knows one: only the key; the patient subgraph owns the rest. */
export interface PatientReference {
  id: string;
}

/** One clinical fact derived from an answer, with its readable text in every language. */
export interface HistoryEntry {
  readonly category: QuestionCategory;
  readonly linkId: string;
  readonly code: string | null;
  readonly display: LocalizedText;
  readonly responseId: string;
}

/** The derived entries of a patient plus the language the request asked them in. */
export interface ClinicalHistoryRecord {
  readonly entries: readonly HistoryEntry[];
  readonly lang: Language;
}
