import { randomUUID } from 'node:crypto';
import type { ChangeEvent } from '@carebridge/common';
import { questionnaireCanonical } from './codings';
import { deriveAnswers } from './history';
import type { QuestionnaireRecord, QuestionnaireResponseRecord } from './records';

/**
 * The `clinical.answered` events, as every store records them. Pure, so the in-memory and the
 * PostgreSQL store send the EHRs exactly the same thing for the same responses.
 */

/**
 * What the organization now knows of the patient's answers after `record`: `patientResponses` are
 * the patient's responses, `record` included; only the record's organization's count.
 */
export function answeredEvent(
  record: QuestionnaireResponseRecord,
  patientResponses: readonly QuestionnaireResponseRecord[],
  questionnaireOf: (id: string) => QuestionnaireRecord | undefined,
): ChangeEvent {
  const ofOrganization = patientResponses.filter((r) => r.organizationId === record.organizationId);
  const questionnaire = questionnaireOf(record.questionnaireId);
  return {
    id: randomUUID(),
    type: 'clinical.answered',
    organizationId: record.organizationId,
    patientId: record.patientId,
    // The submission time: the store never reads a clock (commands pass `now`).
    occurredAt: record.submittedAt,
    responseId: record.id,
    questionnaireId: record.questionnaireId,
    ...(questionnaire ? { questionnaire: questionnaireCanonical(questionnaire) } : {}),
    answers: deriveAnswers(ofOrganization, questionnaireOf),
  };
}

/**
 * One `clinical.answered` event for the latest response of every patient, oldest first: in
 * development the EHR sandbox starts empty, and this brings it loaded data. `byPatient` holds each
 * patient's responses newest first.
 */
export function announcedEvents(
  byPatient: Iterable<readonly QuestionnaireResponseRecord[]>,
  questionnaireOf: (id: string) => QuestionnaireRecord | undefined,
): ChangeEvent[] {
  const latest = [...byPatient]
    .filter((responses) => responses.length > 0)
    .sort((a, b) => a[0]!.submittedAt.localeCompare(b[0]!.submittedAt));
  return latest.map((responses) => answeredEvent(responses[0]!, responses, questionnaireOf));
}
