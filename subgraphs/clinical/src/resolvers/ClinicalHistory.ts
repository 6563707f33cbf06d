import { localize } from '@carebridge/common';
import type { ClinicalHistoryResolvers } from '../__generated__/resolvers-types';
import type { QuestionCategory } from '../__generated__/schema-types';
import type { ClinicalHistoryRecord } from '../data/records';

const displays = (history: ClinicalHistoryRecord, category: QuestionCategory): string[] =>
  history.entries.filter((e) => e.category === category).map((e) => localize(e.display, history.lang));

export const ClinicalHistory: ClinicalHistoryResolvers = {
  symptoms: (history) => displays(history, 'SYMPTOMS'),
  allergies: (history) => displays(history, 'ALLERGIES'),
  medications: (history) => displays(history, 'MEDICATIONS'),
  medicalHistory: (history) => displays(history, 'MEDICAL_HISTORY'),
  socialHistory: (history) => displays(history, 'SOCIAL_HISTORY'),
  familyHistory: (history) => displays(history, 'FAMILY_HISTORY'),
  entries: (history) => history.entries.map((e) => ({ ...e, display: localize(e.display, history.lang) })),
};
