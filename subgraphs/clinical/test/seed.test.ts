import {
  SEED_EPOCH,
  SEED_PATIENT_COUNT,
  SEED_QUESTIONNAIRE_ID,
  seedPatientId,
  seedPatientOrganizationId,
} from '@carebridge/common';
import { describe, expect, it } from 'vitest';
import { createSeededStore, seedQuestionnaire, seedResponses } from '../src/data/seed';
import { SEED_QUESTIONNAIRE } from '../src/data/seed-questionnaire';
import { validateQuestionnaireInput, validateResponseInput } from '../src/data/validation';

describe('seed data', () => {
  const questionnaire = seedQuestionnaire();

  it('builds the same data on every run', async () => {
    expect(seedResponses(questionnaire)).toEqual(seedResponses(questionnaire));
    const [a, b] = [createSeededStore(), createSeededStore()];
    const patients = Array.from({ length: SEED_PATIENT_COUNT }, (_, i) => seedPatientId(i));
    const of = (store: typeof a) => Promise.all(patients.map((id) => store.responsesOfPatient(id)));
    expect(await of(a)).toEqual(await of(b));
  });

  it('is the active version 1 of pre-visit-intake, shared by every organization, published at the seed epoch', () => {
    expect({ ...questionnaire, items: questionnaire.items.length }).toEqual({
      id: SEED_QUESTIONNAIRE_ID,
      organizationId: null,
      name: 'pre-visit-intake',
      version: 1,
      status: 'ACTIVE',
      title: { en: 'Pre-visit questionnaire', es: 'Cuestionario previo a la consulta' },
      items: 16,
      publishedAt: SEED_EPOCH,
    });
  });

  it('passes the same validation as createQuestionnaire and covers every category and type', () => {
    expect(validateQuestionnaireInput(SEED_QUESTIONNAIRE).problems.list).toEqual([]);
    expect(new Set(questionnaire.items.map((i) => i.category))).toEqual(
      new Set(['SYMPTOMS', 'ALLERGIES', 'MEDICATIONS', 'MEDICAL_HISTORY', 'SOCIAL_HISTORY', 'FAMILY_HISTORY']),
    );
    expect(new Set(questionnaire.items.map((i) => i.type))).toEqual(
      new Set(['BOOLEAN', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'TEXT', 'NUMBER', 'DATE']),
    );
  });

  it('has every question and option in English and Spanish, and not copied across', () => {
    const texts = questionnaire.items.flatMap((item) => [item.text, ...item.options.map((o) => o.label)]);
    const missing = texts.filter((t) => t.en.trim() === '' || t.es.trim() === '');
    // Words that are the same in both languages (Diabetes) are fine; whole questions never are.
    const untranslatedQuestions = questionnaire.items.filter((item) => item.text.en === item.text.es);
    expect({ missing, untranslatedQuestions }).toEqual({ missing: [], untranslatedQuestions: [] });
  });

  it('has valid responses from about 60% of the seeded patients, some of them answering twice', () => {
    const responses = seedResponses(questionnaire);
    const invalid = responses.filter(
      (r) => !validateResponseInput(r.input, questionnaire, new Date(r.submittedAt)).problems.empty,
    );
    expect(invalid).toEqual([]);
    const perPatient = new Map<string, number>();
    for (const r of responses) perPatient.set(r.input.patientId, (perPatient.get(r.input.patientId) ?? 0) + 1);
    // Deterministic, so exact: 153 of 270 patients (57%) answered, 15 of them twice; 18 of
    // Harbor's 30 (pt-00241..pt-00270) among them, as the first 240's 135 were before Harbor.
    const harbor = [...perPatient.keys()].filter(
      (id) => seedPatientOrganizationId(Number(id.slice(3)) - 1) === 'org-harbor',
    );
    expect({
      patients: perPatient.size,
      responses: responses.length,
      answeredTwice: [...perPatient.values()].filter((n) => n === 2).length,
      harbor: harbor.length,
    }).toEqual({ patients: 153, responses: 168, answeredTwice: 15, harbor: 18 });
    expect(responses.every((r) => r.submittedAt > SEED_EPOCH)).toEqual(true);
  });

  it('lists each patient newest first in the seeded store', async () => {
    const store = createSeededStore();
    const patient = seedResponses(questionnaire).find(
      (r, i, all) => all.findIndex((o) => o.input.patientId === r.input.patientId) !== i,
    )!.input.patientId;
    const times = (await store.responsesOfPatient(patient)).map((r) => r.submittedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(times.length).toEqual(2);
  });

  it("gives every seeded response its patient's seeded organization", async () => {
    const store = createSeededStore();
    const seeded = Array.from({ length: SEED_PATIENT_COUNT }, (_, i) => ({
      patientId: seedPatientId(i),
      organizationId: seedPatientOrganizationId(i),
    }));
    const responses = await Promise.all(seeded.map(({ patientId }) => store.responsesOfPatient(patientId)));
    const mismatched = seeded.flatMap(({ organizationId }, i) =>
      responses[i]!.filter((r) => r.organizationId !== organizationId).map((r) => r.id),
    );
    expect(mismatched).toEqual([]);
    // The fixtures the other tests rely on: pt-00001 is Riverside's, pt-00004 Lakeside's, both answered.
    const fixtures = await Promise.all(['pt-00001', 'pt-00004'].map((id) => store.responsesOfPatient(id)));
    expect(fixtures.map((list) => list.map((r) => r.organizationId))).toEqual([['org-riverside'], ['org-lakeside']]);
  });
});
