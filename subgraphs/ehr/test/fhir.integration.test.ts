import { afterEach, describe, expect, it } from 'vitest';
import { answersFor, type QuestionnaireItemShape } from '../../../scripts/lib/stack';
import { startInProcessStack, type InProcessStack } from '../../../scripts/lib/stack/inProcess';

/**
 * Delivery to the seeded FHIR R4 system through the real gateway and subgraphs, into the EHR
 * sandbox's FHIR server: Harbor Community Health's patients go there as transaction Bundles.
 */

const CREATE = `mutation ($inputs: [PatientInput!]!) { createPatients(inputs: $inputs) { id version } }`;
const UPDATE = `mutation ($id: ID!, $input: PatientUpdateInput!, $v: Int!) {
  updatePatient(id: $id, input: $input, expectedVersion: $v) { id version } }`;
const SUBMIT = `mutation ($input: QuestionnaireResponseInput!) { submitQuestionnaireResponse(input: $input) { id } }`;
const PREVIEW = 'query ($id: ID!) { patient(id: $id) { mrn ehrPreview { endpoint method payload } } }';

type Entry = { resource: Record<string, unknown> & { resourceType: string; identifier?: unknown } };
type Stored = Record<string, unknown> & { id: string; identifier?: unknown };

/** Answers the whole intake questionnaire in Spanish (options' first codes, texts, numbers, dates). */
async function answerIntake(stack: InProcessStack, token: string, patientId: string): Promise<void> {
  const link = await stack.intakeLink(token, patientId, 'qn-intake-v1');
  const { questionnaire } = await stack.graphql(
    link,
    '{ questionnaire(id: "qn-intake-v1") { items { linkId type required options { code } } } }',
  );
  const answers = answersFor(questionnaire.items as QuestionnaireItemShape[], 'Mareos por la mañana');
  await stack.graphql(link, SUBMIT, { input: { patientId, questionnaireId: 'qn-intake-v1', language: 'ES', answers } });
}

/** What the sandbox holds of one resource the preview shows, found by its identifier. */
function storedAs(stack: InProcessStack, entry: Entry): Stored[] {
  const { resourceType, identifier } = entry.resource;
  const key = JSON.stringify(Array.isArray(identifier) ? identifier[0] : identifier);
  return (stack.sandbox.store.fhir.list(resourceType) as Stored[]).filter((stored) => {
    const own = stored.identifier;
    return JSON.stringify(Array.isArray(own) ? own[0] : own) === key;
  });
}

/** A resource without what the server adds or rewrites: id, meta, and references to the Patient. */
function content(resource: Record<string, unknown>): unknown {
  const { id: _id, meta: _meta, ...rest } = resource;
  return JSON.parse(JSON.stringify(rest).replace(/"reference":"[^"]*"/g, '"reference":"the patient"'));
}

describe('delivery to a FHIR R4 EHR through the real stack', () => {
  let stack: InProcessStack | undefined;
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });

  it('delivers a Bundle once despite a lost answer, updates the same Patient, and stores what the preview showed', async () => {
    stack = await startInProcessStack();
    const token = await stack.login('clinician@harbor.test');
    const patients = () =>
      (stack!.sandbox.store.fhir.list('Patient') as Stored[]).filter((p) => JSON.stringify(p).includes('Marsh'));

    // Every answer is lost until the EHR has applied the first Bundle: the retry must not make a second Patient.
    stack.sandbox.faults.update({ lostResponseRate: 1 });
    const input = { firstName: 'Elena', lastName: 'Marsh', gender: 'FEMALE', dateOfBirth: '1979-02-14' };
    const [created] = (await stack.graphql(token, CREATE, { inputs: [input] })).createPatients as {
      id: string;
      version: number;
    }[];
    for (let i = 0; i < 200 && patients().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    stack.sandbox.faults.update({ lostResponseRate: 0 });
    await stack.settled();
    expect(patients()).toHaveLength(1);
    expect(stack.sandbox.store.fhir.stats().injectedFailures).toBeGreaterThan(0);
    const [first] = await stack.transactions.byPatient(created!.id);
    expect(first).toMatchObject({ status: 'DELIVERED', endpoint: '/', ehrPatientId: patients()[0]!.id });
    expect(first!.attempts).toBeGreaterThan(1);

    await stack.graphql(token, UPDATE, { id: created!.id, input: { lastName: 'Marsh-Lowe' }, v: created!.version });
    await answerIntake(stack, token, created!.id);
    await stack.settled();
    expect(await stack.transactions.counts()).toMatchObject({ DEAD: 0, PENDING: 0, FAILED: 0 });
    const [patient] = patients();
    expect(patients()).toHaveLength(1);
    expect(patient!['name']).toEqual([{ use: 'official', family: 'Marsh-Lowe', given: ['Elena'] }]);

    const { patient: read } = await stack.graphql(token, PREVIEW, { id: created!.id });
    const [request] = read.ehrPreview as { endpoint: string; method: string; payload: { entry: Entry[] } }[];
    expect([request!.endpoint, request!.method]).toEqual(['/', 'POST']);
    const types = request!.payload.entry.map((e) => e.resource.resourceType);
    expect(types).toEqual(expect.arrayContaining(['Patient', 'Condition', 'QuestionnaireResponse']));
    for (const entry of request!.payload.entry) {
      const stored = storedAs(stack, entry);
      expect(stored.map((s) => s.id === patient!.id || entry.resource.resourceType !== 'Patient')).toEqual([true]);
      expect(content(stored[0]!)).toEqual(content(entry.resource));
    }
  });
});
