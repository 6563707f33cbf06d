import { randomUUID } from 'node:crypto';
import { notFound } from '@carebridge/common';
import type { QuestionnaireInput, QuestionnaireResponseInput } from '../__generated__/resolvers-types';
import type { QuestionnaireRecord, QuestionnaireResponseRecord } from './records';
import type { ClinicalStore } from './store';
import { validateQuestionnaireInput, validateResponseInput } from './validation';

/**
 * The mutations as plain functions: validate the whole input, throw every problem at once
 * (BAD_USER_INPUT), and only then write, so an invalid input never leaves anything behind.
 * `now` is a parameter so tests control time and the store never reads a clock.
 */

export function createQuestionnaire(store: ClinicalStore, input: QuestionnaireInput, now: Date): QuestionnaireRecord {
  const { problems, definition } = validateQuestionnaireInput(input);
  if (store.questionnaireVersions(input.name).length > 0) {
    problems.add('name', 'is already used by another questionnaire; publish a new version of it instead');
  }
  problems.throwIfAny();
  return store.addQuestionnaireVersion({
    ...definition,
    id: `qn-${randomUUID()}`,
    version: 1,
    status: 'ACTIVE',
    publishedAt: now.toISOString(),
  });
}

export function publishQuestionnaireVersion(
  store: ClinicalStore,
  input: QuestionnaireInput,
  now: Date,
): QuestionnaireRecord {
  const { problems, definition } = validateQuestionnaireInput(input);
  problems.throwIfAny();
  const latest = store.questionnaireVersions(input.name).at(-1);
  if (!latest) throw notFound('Questionnaire', input.name);
  return store.addQuestionnaireVersion({
    ...definition,
    id: `qn-${randomUUID()}`,
    version: latest.version + 1,
    status: 'ACTIVE',
    publishedAt: now.toISOString(),
  });
}

export function submitQuestionnaireResponse(
  store: ClinicalStore,
  input: QuestionnaireResponseInput,
  { now, submittedBy }: { now: Date; submittedBy: string },
): QuestionnaireResponseRecord {
  const questionnaire = store.questionnaire(input.questionnaireId);
  if (!questionnaire) throw notFound('Questionnaire', input.questionnaireId);
  const { problems, answers } = validateResponseInput(input, questionnaire, now);
  problems.throwIfAny();
  return store.addResponse({
    id: `qr-${randomUUID()}`,
    patientId: input.patientId,
    questionnaireId: questionnaire.id,
    language: input.language,
    answers,
    submittedAt: now.toISOString(),
    submittedBy,
  });
}
