import { localize, type Language } from '@carebridge/common';
import { describe, expect, it } from 'vitest';
import { submitQuestionnaireResponse } from '../src/data/commands';
import { deriveHistory, rememberedHistory } from '../src/data/history';
import type { HistoryEntry, QuestionnaireResponseRecord, StoredAnswer } from '../src/data/records';
import { answeredVersions, InMemoryClinicalStore } from '../src/data/store';
import { fixtureQuestionnaire, NOW, responseInput } from './fixtures';

const questionnaire = fixtureQuestionnaire();
const versions = (id: string) => (id === questionnaire.id ? questionnaire : undefined);

function response(id: string, submittedAt: string, answers: StoredAnswer[]): QuestionnaireResponseRecord {
  return {
    id,
    patientId: 'pt-00001',
    organizationId: 'org-riverside',
    questionnaireId: questionnaire.id,
    language: 'EN',
    answers,
    submittedAt,
    submittedBy: 'patient',
  };
}

const rendered = (entries: HistoryEntry[], lang: Language) =>
  entries.map((e) => ({ ...e, display: localize(e.display, lang) }));

describe('clinical history derivation', () => {
  it('turns each kind of answer into entries, grouped by category in question order', () => {
    const entries = deriveHistory(
      [
        response('qr-1', '2026-02-01T10:00:00.000Z', [
          { linkId: 'q.symptoms', valueCodes: ['COUGH', 'FEVER'] },
          { linkId: 'q.tobacco', valueCodes: ['CURRENT'] },
          { linkId: 'q.travel', valueBoolean: true },
          { linkId: 'q.other', valueString: 'Itchy eyes' },
          { linkId: 'q.pain', valueNumber: 6 },
          { linkId: 'q.checkup', valueDate: '2025-11-20' },
        ]),
      ],
      versions,
    );
    const base = { responseId: 'qr-1' };
    expect(rendered(entries, 'EN')).toEqual([
      { ...base, category: 'SYMPTOMS', linkId: 'q.symptoms', code: 'COUGH', display: 'Cough' },
      { ...base, category: 'SYMPTOMS', linkId: 'q.symptoms', code: 'FEVER', display: 'Fever' },
      { ...base, category: 'SYMPTOMS', linkId: 'q.other', code: null, display: 'Itchy eyes' },
      { ...base, category: 'SYMPTOMS', linkId: 'q.pain', code: null, display: 'Pain (0-10): 6' },
      { ...base, category: 'MEDICAL_HISTORY', linkId: 'q.checkup', code: null, display: 'Check-up: 2025-11-20' },
      { ...base, category: 'SOCIAL_HISTORY', linkId: 'q.tobacco', code: 'CURRENT', display: 'Uses tobacco now' },
      { ...base, category: 'SOCIAL_HISTORY', linkId: 'q.travel', code: null, display: 'Travel: Yes' },
    ]);
    expect(rendered(entries, 'ES').map((e) => e.display)).toEqual([
      'Tos',
      'Fiebre',
      'Itchy eyes',
      'Dolor (0-10): 6',
      'Chequeo: 2025-11-20',
      'Consume tabaco actualmente',
      'Viaje: Sí',
    ]);
  });

  it('keeps the latest answer to each question, whatever order the responses come in', () => {
    const older = response('qr-old', '2026-01-10T09:00:00.000Z', [
      { linkId: 'q.symptoms', valueCodes: ['COUGH'] },
      { linkId: 'q.tobacco', valueCodes: ['CURRENT'] },
    ]);
    const newer = response('qr-new', '2026-02-10T09:00:00.000Z', [
      { linkId: 'q.symptoms', valueCodes: ['FEVER'] },
      { linkId: 'q.travel', valueBoolean: false },
    ]);
    const expected = [
      { category: 'SYMPTOMS', linkId: 'q.symptoms', code: 'FEVER', display: 'Fever', responseId: 'qr-new' },
      {
        category: 'SOCIAL_HISTORY',
        linkId: 'q.tobacco',
        code: 'CURRENT',
        display: 'Uses tobacco now',
        responseId: 'qr-old',
      },
      { category: 'SOCIAL_HISTORY', linkId: 'q.travel', code: null, display: 'Travel: No', responseId: 'qr-new' },
    ];
    expect(rendered(deriveHistory([newer, older], versions), 'EN')).toEqual(expected);
    expect(rendered(deriveHistory([older, newer], versions), 'EN')).toEqual(expected);
  });

  it('lets a later NONE clear the earlier choices without adding an entry', () => {
    const entries = deriveHistory(
      [
        response('qr-1', '2026-01-10T09:00:00.000Z', [{ linkId: 'q.symptoms', valueCodes: ['COUGH', 'FEVER'] }]),
        response('qr-2', '2026-01-20T09:00:00.000Z', [{ linkId: 'q.symptoms', valueCodes: ['NONE'] }]),
      ],
      versions,
    );
    expect(entries).toEqual([]);
  });

  it('stores the same codes whether the patient answered in Spanish or English, and renders either language', async () => {
    const store = new InMemoryClinicalStore();
    await store.addQuestionnaireVersion(questionnaire);
    const answers = [
      { linkId: 'q.symptoms', valueCodes: ['FEVER', 'COUGH'] },
      { linkId: 'q.tobacco', valueCodes: ['NEVER'] },
    ];
    const inSpanish = await submitQuestionnaireResponse(
      store,
      { ...responseInput(answers), patientId: 'pt-es', language: 'ES' },
      { now: NOW, submittedBy: 'patient', organizationId: 'org-riverside' },
    );
    const inEnglish = await submitQuestionnaireResponse(
      store,
      { ...responseInput(answers), patientId: 'pt-en', language: 'EN' },
      { now: NOW, submittedBy: 'patient', organizationId: 'org-riverside' },
    );
    expect(inSpanish.answers).toEqual(inEnglish.answers);
    expect(inSpanish.answers).toEqual([
      { linkId: 'q.symptoms', valueCodes: ['COUGH', 'FEVER'] },
      { linkId: 'q.tobacco', valueCodes: ['NEVER'] },
    ]);
    const responses = await store.responsesOfPatient('pt-es');
    const history = deriveHistory(responses, await answeredVersions(store, responses));
    expect(rendered(history, 'EN').map((e) => e.display)).toEqual(['Cough', 'Fever', 'Never used tobacco']);
    expect(rendered(history, 'ES').map((e) => e.display)).toEqual(['Tos', 'Fiebre', 'Nunca ha consumido tabaco']);
  });

  it('derives nothing for a patient without responses', () => {
    expect(deriveHistory([], versions)).toEqual([]);
  });
});

describe('remembered clinical history', () => {
  const first = response('qr-1', '2026-02-01T10:00:00.000Z', [{ linkId: 'q.symptoms', valueCodes: ['COUGH'] }]);
  const second = response('qr-2', '2026-03-01T10:00:00.000Z', [{ linkId: 'q.symptoms', valueCodes: ['FEVER'] }]);

  it('derives the same responses once per store, and again when a response is added or erased', async () => {
    const store = {};
    let lookups = 0;
    const versionsOf = () => {
      lookups++;
      return Promise.resolve(versions);
    };
    const once = await rememberedHistory(store, [first], versionsOf);
    expect(rendered([...once], 'EN').map((e) => e.display)).toEqual(['Cough']);
    expect(await rememberedHistory(store, [first], versionsOf)).toBe(once);
    expect(lookups).toBe(1);
    const both = await rememberedHistory(store, [second, first], versionsOf);
    expect(rendered([...both], 'EN').map((e) => e.display)).toEqual(['Fever']);
    expect(lookups).toBe(2);
    expect(await rememberedHistory(store, [], versionsOf)).toEqual([]);
    // Another store with a response of the same id (another test's data, say) derives its own.
    const other = response('qr-1', '2026-02-01T10:00:00.000Z', [{ linkId: 'q.symptoms', valueCodes: ['FEVER'] }]);
    const elsewhere = await rememberedHistory({}, [other], versionsOf);
    expect(rendered([...elsewhere], 'EN').map((e) => e.display)).toEqual(['Fever']);
  });
});
