import { SEED_QUESTIONNAIRE_ID } from '@carebridge/common';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import type { IncomingHttpHeaders } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../src/server';
import { fakeDirectory, FIXTURE_INPUT } from './fixtures';

let auth: TestAuth;
/** Staff of Riverside, the organization of pt-00002 and (in the fake directory) of pt-new. */
let riverside: IncomingHttpHeaders;

beforeAll(async () => {
  auth = await createTestAuth();
  riverside = await auth.headers(staff('org-riverside'));
});

function freshService() {
  const patients = fakeDirectory(auth.verifier, { 'pt-new': 'org-riverside' });
  return { service: createService({ verifier: auth.verifier, patients }), patients };
}

// The mutations through GraphQL, each test on a freshly seeded service.
const CREATE = `mutation ($input: QuestionnaireInput!) { createQuestionnaire(input: $input) { id version status } }`;
const PUBLISH = `mutation ($input: QuestionnaireInput!) {
  publishQuestionnaireVersion(input: $input) { id version status title(lang: ES) versions { version status } }
}`;
const SUBMIT = `mutation ($input: QuestionnaireResponseInput!) {
  submitQuestionnaireResponse(input: $input) {
    id language submittedBy patient { id } questionnaire { id version status }
    answers { linkId item { text(lang: ES) } valueCodes valueString valueBoolean en: display display(lang: ES) }
  }
}`;

type Created = { createQuestionnaire: { id: string } };
type Submitted = { submitQuestionnaireResponse: { id: string } };

describe('clinical subgraph mutations', () => {
  it('publishes a new version that retires the old one, while old responses keep pointing at it', async () => {
    const { service: fresh } = freshService();
    const created = await execute<Created>(fresh, CREATE, { input: FIXTURE_INPUT }, riverside);
    const v1 = created.data!.createQuestionnaire.id;
    const submitted = await execute<Submitted>(
      fresh,
      SUBMIT,
      {
        input: {
          patientId: 'pt-00002',
          questionnaireId: v1,
          language: 'EN',
          answers: [{ linkId: 'q.symptoms', valueCodes: ['NONE'] }],
        },
      },
      riverside,
    );
    const responseId = submitted.data!.submitQuestionnaireResponse.id;

    const published = await execute(
      fresh,
      PUBLISH,
      {
        input: { ...FIXTURE_INPUT, title: { en: 'Fixture, revised', es: 'Prueba, revisada' } },
      },
      riverside,
    );
    expect(published).toEqual({
      data: {
        publishQuestionnaireVersion: {
          id: expect.stringMatching(/^qn-/) as unknown,
          version: 2,
          status: 'ACTIVE',
          title: 'Prueba, revisada',
          versions: [
            { version: 1, status: 'RETIRED' },
            { version: 2, status: 'ACTIVE' },
          ],
        },
      },
    });

    const after = await execute(
      fresh,
      `query ($id: ID!) {
        questionnaireResponse(id: $id) { questionnaire { version status title } }
        current: questionnaires { name version }
        all: questionnaires(includeRetired: true) { name version }
      }`,
      { id: responseId },
      riverside,
    );
    expect(after).toEqual({
      data: {
        questionnaireResponse: { questionnaire: { version: 1, status: 'RETIRED', title: 'Fixture' } },
        current: [
          { name: 'fixture-intake', version: 2 },
          { name: 'pre-visit-intake', version: 1 },
        ],
        all: [
          { name: 'fixture-intake', version: 1 },
          { name: 'fixture-intake', version: 2 },
          { name: 'pre-visit-intake', version: 1 },
        ],
      },
    });

    const late = await execute(
      fresh,
      SUBMIT,
      {
        input: {
          patientId: 'pt-00002',
          questionnaireId: v1,
          language: 'EN',
          answers: [{ linkId: 'q.symptoms', valueCodes: ['NONE'] }],
        },
      },
      riverside,
    );
    expect(late.errors?.map((e) => e.extensions?.problems)).toEqual([
      [{ field: 'questionnaireId', message: 'is a retired version; answer the ACTIVE version of this questionnaire' }],
    ]);
  });

  it('stores Spanish answers as codes and reads them back in English or Spanish', async () => {
    const { service: fresh, patients } = freshService();
    const answers = [
      { linkId: 'symptoms.current', valueCodes: ['FEVER', 'COUGH'] },
      { linkId: 'allergies.known', valueCodes: ['PENICILLIN'] },
      { linkId: 'medications.current', valueCodes: ['NONE'] },
      { linkId: 'history.conditions', valueCodes: ['ASTHMA'] },
      { linkId: 'social.tobacco', valueCodes: ['NEVER'] },
      { linkId: 'social.alcohol', valueCodes: ['OCCASIONALLY'] },
      { linkId: 'social.recent_travel', valueBoolean: true },
      { linkId: 'social.occupation', valueString: 'Maestra' },
      { linkId: 'family.conditions', valueCodes: ['DIABETES', 'HIGH_BLOOD_PRESSURE'] },
    ];
    const submitted = await execute(
      fresh,
      SUBMIT,
      {
        input: { patientId: 'pt-new', questionnaireId: SEED_QUESTIONNAIRE_ID, language: 'ES', answers },
      },
      riverside,
    );
    // The patient subgraph (here its stand-in) was asked, with the caller's token, before storing.
    expect(patients.calls).toEqual([{ patientId: 'pt-new', organizationId: 'org-riverside' }]);
    const response = (submitted.data as Submitted).submitQuestionnaireResponse;
    expect(response).toEqual({
      id: expect.stringMatching(/^qr-/) as unknown,
      language: 'ES',
      submittedBy: 'user-clinician-org-riverside',
      patient: { id: 'pt-new' },
      questionnaire: { id: SEED_QUESTIONNAIRE_ID, version: 1, status: 'ACTIVE' },
      // Codes come back in option order whatever order they were chosen in.
      answers: [
        codes(
          'symptoms.current',
          '¿Cuáles de estos síntomas tiene ahora?',
          ['FEVER', 'COUGH'],
          'Fever, Cough',
          'Fiebre, Tos',
        ),
        codes('allergies.known', '¿Tiene alergia a alguno de estos?', ['PENICILLIN'], 'Penicillin', 'Penicilina'),
        codes(
          'medications.current',
          '¿Cuáles de estos medicamentos toma con regularidad?',
          ['NONE'],
          'No regular medicines',
          'Ningún medicamento habitual',
        ),
        codes('history.conditions', '¿Ha tenido alguna vez alguno de estos problemas?', ['ASTHMA'], 'Asthma', 'Asma'),
        codes(
          'social.tobacco',
          '¿Fuma o consume tabaco?',
          ['NEVER'],
          'Never used tobacco',
          'Nunca ha consumido tabaco',
        ),
        codes(
          'social.alcohol',
          '¿Con qué frecuencia toma bebidas alcohólicas?',
          ['OCCASIONALLY'],
          'Drinks alcohol occasionally',
          'Toma alcohol de vez en cuando',
        ),
        {
          linkId: 'social.recent_travel',
          item: { text: '¿Ha viajado fuera del país en los últimos 30 días?' },
          valueCodes: null,
          valueString: null,
          valueBoolean: true,
          en: 'Yes',
          display: 'Sí',
        },
        {
          linkId: 'social.occupation',
          item: { text: '¿A qué se dedica?' },
          valueCodes: null,
          valueString: 'Maestra',
          valueBoolean: null,
          en: 'Maestra',
          display: 'Maestra',
        },
        codes(
          'family.conditions',
          '¿Sus padres o hermanos han tenido alguno de estos problemas?',
          ['HIGH_BLOOD_PRESSURE', 'DIABETES'],
          'High blood pressure, Diabetes',
          'Presión arterial alta, Diabetes',
        ),
      ],
    });

    const history = await execute(
      fresh,
      `{ _entities(representations: [{ __typename: "Patient", id: "pt-new" }]) {
        ... on Patient {
          en: clinicalHistory { symptoms allergies medications medicalHistory socialHistory familyHistory }
          es: clinicalHistory(lang: ES) { symptoms allergies medications medicalHistory socialHistory familyHistory }
        }
      } }`,
      {},
      riverside,
    );
    expect(history).toEqual({
      data: {
        _entities: [
          {
            en: {
              symptoms: ['Fever', 'Cough'],
              allergies: ['Penicillin'],
              medications: [],
              medicalHistory: ['Asthma'],
              socialHistory: [
                'Never used tobacco',
                'Drinks alcohol occasionally',
                'Have you traveled outside the country in the last 30 days: Yes',
                'Maestra',
              ],
              familyHistory: ['High blood pressure', 'Diabetes'],
            },
            es: {
              symptoms: ['Fiebre', 'Tos'],
              allergies: ['Penicilina'],
              medications: [],
              medicalHistory: ['Asma'],
              socialHistory: [
                'Nunca ha consumido tabaco',
                'Toma alcohol de vez en cuando',
                'Ha viajado fuera del país en los últimos 30 días: Sí',
                'Maestra',
              ],
              familyHistory: ['Presión arterial alta', 'Diabetes'],
            },
          },
        ],
      },
    });
  });

  it('refuses a free-text answer with a control or invisible character, and stores nothing', async () => {
    const { service: fresh } = freshService();
    const HISTORY = `{ _entities(representations: [{ __typename: "Patient", id: "pt-new" }]) {
      ... on Patient { clinicalHistory { socialHistory } } } }`;
    for (const occupation of ['\u202Eevil', 'Mae\u0000stra', 'Mae\u200Bstra', '\u001B[2Jx', 'x\uDC00']) {
      const answers = [
        { linkId: 'symptoms.current', valueCodes: ['NONE'] },
        { linkId: 'social.occupation', valueString: occupation },
        { linkId: 'allergies.known', valueCodes: ['NONE'] },
        { linkId: 'medications.current', valueCodes: ['NONE'] },
        { linkId: 'history.conditions', valueCodes: ['NONE'] },
        { linkId: 'social.tobacco', valueCodes: ['NEVER'] },
        { linkId: 'social.alcohol', valueCodes: ['NEVER'] },
        { linkId: 'family.conditions', valueCodes: ['NONE'] },
      ];
      const refused = await execute(
        fresh,
        SUBMIT,
        { input: { patientId: 'pt-new', questionnaireId: SEED_QUESTIONNAIRE_ID, language: 'EN', answers } },
        riverside,
      );
      expect(refused.errors?.map((e) => [e.extensions?.code, e.extensions?.problems])).toEqual([
        ['BAD_USER_INPUT', [{ field: 'answers[1].valueString', message: 'contains a control or invisible character' }]],
      ]);
      expect(JSON.stringify(refused)).not.toMatch(/evil|stra/);
    }
    expect(await execute(fresh, HISTORY, {}, riverside)).toEqual({
      data: { _entities: [{ clinicalHistory: { socialHistory: [] } }] },
    });
  });
});

function codes(linkId: string, textEs: string, valueCodes: string[], en: string, es: string) {
  return { linkId, item: { text: textEs }, valueCodes, valueString: null, valueBoolean: null, en, display: es };
}
