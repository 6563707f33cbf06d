import { readFileSync } from 'node:fs';
import { SEED_QUESTIONNAIRE_ID, type SubgraphService } from '@carebridge/common';
import { createTestAuth, execute, normalizeSdl, servedSdl, staff, type TestAuth } from '@carebridge/common/testing';
import type { IncomingHttpHeaders } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../src/context';
import { createService } from '../src/server';
import { fakeDirectory } from './fixtures';

let auth: TestAuth;
let service: SubgraphService<Context>;
/** Staff of Riverside, the organization of pt-00001 (and of the seeded response qr-00001). */
let riverside: IncomingHttpHeaders;

beforeAll(async () => {
  auth = await createTestAuth();
  service = createService({ verifier: auth.verifier, patients: fakeDirectory(auth.verifier) });
  riverside = await auth.headers(staff('org-riverside'));
});

const SUBMIT = `mutation ($input: QuestionnaireResponseInput!) { submitQuestionnaireResponse(input: $input) { id } }`;

describe('clinical subgraph contract', () => {
  it('serves exactly the SDL of schema.graphql', async () => {
    const file = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(await servedSdl(service, riverside)).toEqual(normalizeSdl(file));
  });

  it('resolves Questionnaire, QuestionnaireResponse and Patient references through _entities', async () => {
    const result = await execute(
      service,
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Questionnaire { id name version status title(lang: ES) }
          ... on QuestionnaireResponse { id language submittedBy patient { id } questionnaire { id } }
          ... on Patient { id questionnaireResponses { id } clinicalHistory { allergies } }
        }
      }`,
      {
        representations: [
          { __typename: 'Questionnaire', id: SEED_QUESTIONNAIRE_ID },
          { __typename: 'Questionnaire', id: 'qn-unknown' },
          { __typename: 'QuestionnaireResponse', id: 'qr-00001' },
          { __typename: 'QuestionnaireResponse', id: 'qr-unknown' },
          { __typename: 'Patient', id: 'pt-00001' },
          { __typename: 'Patient', id: 'pt-without-answers' },
        ],
      },
      riverside,
    );
    expect(result).toEqual({
      data: {
        _entities: [
          {
            id: SEED_QUESTIONNAIRE_ID,
            name: 'pre-visit-intake',
            version: 1,
            status: 'ACTIVE',
            title: 'Cuestionario previo a la consulta',
          },
          null,
          {
            id: 'qr-00001',
            language: 'EN',
            submittedBy: 'patient',
            patient: { id: 'pt-00001' },
            questionnaire: { id: SEED_QUESTIONNAIRE_ID },
          },
          null,
          {
            id: 'pt-00001',
            questionnaireResponses: [{ id: 'qr-00001' }],
            clinicalHistory: { allergies: ['Sulfa drugs'] },
          },
          { id: 'pt-without-answers', questionnaireResponses: [], clinicalHistory: { allergies: [] } },
        ],
      },
    });
  });

  it("derives a patient's history from the latest answers, for staff of the patient's organization", async () => {
    // pt-00012 is a Hillcrest patient (seedPatientOrganizationId(11)).
    const result = await execute(
      service,
      `{ _entities(representations: [{ __typename: "Patient", id: "pt-00012" }]) {
        ... on Patient { id questionnaireResponses { id } clinicalHistory(lang: ES) { symptoms socialHistory entries { code } } }
      } }`,
      {},
      await auth.headers(staff('org-hillcrest')),
    );
    expect(result).toEqual({
      data: {
        _entities: [
          {
            id: 'pt-00012',
            // Seeded to answer twice: newest first, and the history takes each question's latest
            // answer (tobacco and alcohol from qr-00011, occupation only answered in qr-00010).
            questionnaireResponses: [{ id: 'qr-00011' }, { id: 'qr-00010' }],
            clinicalHistory: {
              symptoms: ['Falta de aire', 'Sore throat since Monday'],
              socialHistory: [
                'Nunca ha consumido tabaco',
                'Toma alcohol a diario',
                'No consume drogas recreativas',
                'Alimentación equilibrada',
                'Ha viajado fuera del país en los últimos 30 días: No',
                'Electrician',
              ],
              entries: [
                'SHORTNESS_OF_BREATH',
                null,
                'PEANUTS',
                null,
                null,
                'NEVER',
                'DAILY',
                'NEVER',
                'BALANCED',
                null,
                null,
              ].map((code) => ({ code })),
            },
          },
        ],
      },
    });
  });

  it('answers invalid input with BAD_USER_INPUT listing every field and reason', async () => {
    const result = await execute(
      service,
      SUBMIT,
      {
        input: {
          patientId: 'pt-00001',
          questionnaireId: SEED_QUESTIONNAIRE_ID,
          language: 'EN',
          answers: [
            { linkId: 'symptoms.current', valueCodes: ['FEVER', 'NOT_A_SYMPTOM'] },
            { linkId: 'symptoms.pain_level', valueString: 'very bad' },
            { linkId: 'symptoms.unknown', valueBoolean: true },
            ...['allergies.known', 'medications.current', 'history.conditions'].map((linkId) => ({
              linkId,
              valueCodes: ['NONE'],
            })),
            { linkId: 'social.tobacco', valueCodes: ['NEVER'] },
            { linkId: 'social.alcohol', valueCodes: ['NEVER'] },
          ],
        },
      },
      riverside,
    );
    expect(result).toMatchInlineSnapshot(`
      {
        "data": null,
        "errors": [
          {
            "extensions": {
              "code": "BAD_USER_INPUT",
              "problems": [
                {
                  "field": "answers[0].valueCodes[1]",
                  "message": "is not one of this question's option codes",
                },
                {
                  "field": "answers[1].valueString",
                  "message": "does not match the NUMBER question: set valueNumber instead",
                },
                {
                  "field": "answers[2].linkId",
                  "message": "is not a question of this questionnaire version",
                },
                {
                  "field": "answers",
                  "message": "must answer the required question family.conditions",
                },
              ],
            },
            "locations": [
              {
                "column": 50,
                "line": 1,
              },
            ],
            "message": "Invalid input. answers[0].valueCodes[1]: is not one of this question's option codes; answers[1].valueString: does not match the NUMBER question: set valueNumber instead; answers[2].linkId: is not a question of this questionnaire version; answers: must answer the required question family.conditions",
            "path": [
              "submitQuestionnaireResponse",
            ],
          },
        ],
      }
    `);
    const stored = await execute(
      service,
      '{ _entities(representations: [{ __typename: "Patient", id: "pt-00001" }]) { ... on Patient { questionnaireResponses { id } } } }',
      {},
      riverside,
    );
    expect(stored).toEqual({ data: { _entities: [{ questionnaireResponses: [{ id: 'qr-00001' }] }] } });
  });

  it('answers null for an unknown questionnaire or response id', async () => {
    const result = await execute(
      service,
      '{ questionnaire(id: "nope") { id } questionnaireResponse(id: "nope") { id } }',
      {},
      riverside,
    );
    expect(result).toEqual({ data: { questionnaire: null, questionnaireResponse: null } });
  });
});
