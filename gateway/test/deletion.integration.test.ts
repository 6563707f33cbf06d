import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersFor, graphql, type QuestionnaireItemShape } from '../../scripts/lib/stack';
import { startInProcessStack, type InProcessStack } from '../../scripts/lib/stack/inProcess';

/**
 * Deleting a patient, end to end over HTTP through the real gateway: the patient subgraph's
 * `patient.deleted` reaches the clinical subgraph (which erases the answers and closes the intake
 * links) and the ehr subgraph (which gives up on what is unsent and erases the payloads).
 */

const INTAKE = 'qn-intake-v1';
const CREATE = `mutation ($inputs: [PatientInput!]!) { createPatients(inputs: $inputs) { id } }`;
const DELETE = `mutation ($id: ID!) { deletePatient(id: $id) }`;
const SUBMIT = `mutation ($input: QuestionnaireResponseInput!) { submitQuestionnaireResponse(input: $input) { id } }`;
const ITEMS = `{ questionnaire(id: "${INTAKE}") { items { linkId type required options { code } } } }`;
const STAFF_VIEW = `query ($id: ID!) { patient(id: $id) {
  id questionnaireResponses { id } clinicalHistory { allergies socialHistory } } }`;
const RESPONSE = `query ($id: ID!) { questionnaireResponse(id: $id) { id answers { linkId } } }`;
const CLINICAL_ENTITY = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient {
  id questionnaireResponses { id } clinicalHistory { symptoms allergies medications socialHistory } clinicalAnswers { linkId } } } }`;
const EHR_ENTITY = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient {
  ehrTransactions { status trigger payload } } } }`;
const OCCUPATION = 'Lighthouse keeper';

const codes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.map((e) => e.extensions?.['code']);

describe('deleting a patient', () => {
  let stack: InProcessStack;
  let staff: string;
  let patientId: string;
  let responseId: string;
  let answered: string;
  let unanswered: string;
  let answers: Record<string, unknown>[];
  const submission = () => ({ input: { patientId, questionnaireId: INTAKE, language: 'EN', answers } });
  const intakeLink = (patient: string) =>
    fetch(`${stack.urls.gateway.replace(/\/graphql$/, '')}/auth/intake-links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff}` },
      body: JSON.stringify({ patientId: patient, questionnaireId: INTAKE }),
    });

  beforeAll(async () => {
    stack = await startInProcessStack();
    staff = await stack.login('clinician@riverside.test');
    const created = await stack.graphql(staff, CREATE, {
      inputs: [{ firstName: 'Delia', lastName: 'Gone', gender: 'FEMALE', dateOfBirth: '1961-04-12' }],
    });
    patientId = created.createPatients[0].id;
    const items = (await stack.graphql(staff, ITEMS)).questionnaire.items as (QuestionnaireItemShape & {
      required: boolean;
    })[];
    answers = answersFor(
      items.filter((item) => item.required || item.linkId === 'social.occupation'),
      OCCUPATION,
    );
    answered = await stack.intakeLink(staff, patientId, INTAKE);
    unanswered = await stack.intakeLink(staff, patientId, INTAKE);
    responseId = (await stack.graphql(answered, SUBMIT, submission())).submitQuestionnaireResponse.id;
    await stack.settled();
  });
  afterAll(() => stack.stop());

  it('leaves the patient readable by staff until then', async () => {
    const view = await stack.graphql(staff, STAFF_VIEW, { id: patientId });
    expect(view.patient.questionnaireResponses).toEqual([{ id: responseId }]);
    expect(view.patient.clinicalHistory.socialHistory).toContain(OCCUPATION);
    expect((await stack.graphql(staff, RESPONSE, { id: responseId })).questionnaireResponse.id).toBe(responseId);
    const ehr = await graphql(stack.urls.ehr, staff, EHR_ENTITY, { r: [{ __typename: 'Patient', id: patientId }] });
    expect(JSON.stringify(ehr.data)).toContain('Gone');
  });

  it('erases it everywhere once the change events have settled', async () => {
    const writes = () => stack.sandbox.store.stats()['athena']!.acceptedWrites;
    const writesBefore = writes();
    expect((await stack.graphql(staff, DELETE, { id: patientId })).deletePatient).toBe(patientId);
    await stack.settled();

    // The graph: no patient, and the response reads exactly as an id never stored.
    const view = await graphql(stack.urls.gateway, staff, STAFF_VIEW, { id: patientId });
    expect(view.data).toEqual({ patient: null });
    const response = await graphql(stack.urls.gateway, staff, RESPONSE, { id: responseId });
    const unknown = await graphql(stack.urls.gateway, staff, RESPONSE, { id: 'qr-never-stored' });
    expect([response.data, response.errors]).toEqual([unknown.data, unknown.errors]);
    expect(response.data).toEqual({ questionnaireResponse: null });

    // The clinical subgraph itself, around the gateway: the patient has no answers at all.
    const entity = await graphql(stack.urls.clinical, staff, CLINICAL_ENTITY, {
      r: [{ __typename: 'Patient', id: patientId }],
    });
    expect([entity.errors, entity.data]).toEqual([
      undefined,
      {
        _entities: [
          {
            id: patientId,
            questionnaireResponses: [],
            clinicalHistory: { symptoms: [], allergies: [], medications: [], socialHistory: [] },
            clinicalAnswers: [],
          },
        ],
      },
    ]);

    // The ehr subgraph keeps the delivery record, without the patient's data; nothing more was sent.
    const ehr = await graphql(stack.urls.ehr, staff, EHR_ENTITY, { r: [{ __typename: 'Patient', id: patientId }] });
    const transactions = (ehr.data as { _entities: { ehrTransactions: { payload: unknown }[] }[] })._entities[0]!
      .ehrTransactions;
    expect(transactions.length).toBeGreaterThan(0);
    expect(transactions.every((t) => JSON.stringify(t.payload) === '{}')).toBe(true);
    expect(JSON.stringify(ehr.data)).not.toMatch(/Gone|Delia|1961|Lighthouse/);
    expect(writes()).toBe(writesBefore);
  });

  it('closes the intake links issued before, and issues no new one', async () => {
    for (const link of [answered, unanswered]) {
      const read = await graphql(stack.urls.gateway, link, `{ questionnaire(id: "${INTAKE}") { id } }`);
      expect([read.data, codes(read)]).toEqual([{ questionnaire: null }, ['NOT_FOUND']]);
      const submitted = await graphql(stack.urls.gateway, link, SUBMIT, submission());
      expect([submitted.data, codes(submitted)]).toEqual([null, ['NOT_FOUND']]);
    }
    const refused = await intakeLink(patientId);
    expect([refused.status, await refused.json()]).toEqual([404, expect.objectContaining({ code: 'NOT_FOUND' })]);
    // A patient that never existed gets the same answer.
    expect((await intakeLink('pt-never-existed')).status).toBe(404);
    // Nothing was stored for the patient meanwhile.
    const entity = await graphql(stack.urls.clinical, staff, CLINICAL_ENTITY, {
      r: [{ __typename: 'Patient', id: patientId }],
    });
    expect(
      (entity.data as { _entities: { questionnaireResponses: unknown[] }[] })._entities[0]!.questionnaireResponses,
    ).toEqual([]);
  });
});
