import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersFor, type QuestionnaireItemShape } from '../../scripts/lib/stack';
import { startInProcessStack, type InProcessStack } from '../../scripts/lib/stack/inProcess';

const CREATE = `mutation ($input: PatientInput!) { createPatient(input: $input) { id } }`;
const SUBMIT = `mutation ($input: QuestionnaireResponseInput!) { submitQuestionnaireResponse(input: $input) { id } }`;
const COUNT = '{ patients { totalCount } }';
const FORMULA = '=HYPERLINK("http://evil.example/x","Click for results")';

const patient = { firstName: 'Inés', lastName: 'Formula', gender: 'FEMALE', dateOfBirth: '1980-04-05' };

/** The text rule and the formula neutralising through the gateway, delivered to the EHR sandbox. */
describe('untrusted text through the real stack', () => {
  let stack: InProcessStack;
  let token: string;
  beforeAll(async () => {
    stack = await startInProcessStack();
    token = await stack.login('clinician@riverside.test');
  });
  afterAll(() => stack.stop());

  it('refuses a patient name with a bidi override with BAD_USER_INPUT, creating nothing', async () => {
    const before = (await stack.graphql(token, COUNT)).patients.totalCount as number;
    const refused = stack.graphql(token, CREATE, { input: { ...patient, lastName: '\u202Eevil' } });
    await expect(refused).rejects.toThrow(/"code":"BAD_USER_INPUT"/);
    const message = await refused.catch((error: Error) => error.message);
    expect(message).toContain('{"field":"lastName","message":"contains a control or invisible character"}');
    expect(message).not.toContain('evil');
    expect((await stack.graphql(token, COUNT)).patients.totalCount).toBe(before);
  });

  it("delivers a free-text answer that starts like a formula with a leading '", async () => {
    const { createPatient } = await stack.graphql(token, CREATE, { input: patient });
    const patientId = createPatient.id as string;
    const link = await stack.intakeLink(token, patientId, 'qn-intake-v1');
    const { questionnaire } = await stack.graphql(
      link,
      '{ questionnaire(id: "qn-intake-v1") { items { linkId type required options { code } } } }',
    );
    const answers = answersFor(questionnaire.items as QuestionnaireItemShape[], FORMULA);
    expect(answers.some((answer) => answer['valueString'] === FORMULA)).toBe(true);
    await stack.graphql(link, SUBMIT, {
      input: { patientId, questionnaireId: 'qn-intake-v1', language: 'EN', answers },
    });
    await stack.settled();

    const [received] = stack.sandbox.store
      .listPatients('athena')
      .filter((p) => p.demographics['PATIENT_IDENT_NAME'] === 'Inés Formula');
    const delivered = JSON.stringify(received?.clinical);
    expect(delivered).toContain(JSON.stringify(`'${FORMULA}`));
    // Every copy of the answer went out neutralised.
    expect(delivered).not.toContain(JSON.stringify(FORMULA));
  });
});
