import { afterEach, describe, expect, it } from 'vitest';
import { answersFor, type QuestionnaireItemShape } from '../../scripts/lib/stack';
import { startInProcessStack, type InProcessStack } from '../../scripts/lib/stack/inProcess';

const CREATE = `mutation ($inputs: [PatientInput!]!) { createPatients(inputs: $inputs) { id version } }`;
const UPDATE = `mutation ($id: ID!, $input: PatientUpdateInput!, $v: Int!) { updatePatient(id: $id, input: $input, expectedVersion: $v) { id version } }`;
const SUBMIT = `mutation ($input: QuestionnaireResponseInput!) { submitQuestionnaireResponse(input: $input) { id } }`;

const person = (i: number, lastName = `Tester${i}`) => ({
  firstName: `Case${i}`,
  lastName,
  gender: (['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'] as const)[i % 4],
  dateOfBirth: `19${50 + i}-0${(i % 9) + 1}-1${i % 9}`,
  email: `case${i}@example.test`,
});

/** Answers every required question of the intake questionnaire, in Spanish. */
async function answerIntake(stack: InProcessStack, clinicianToken: string, patientId: string): Promise<void> {
  const link = await stack.intakeLink(clinicianToken, patientId, 'qn-intake-v1');
  const { questionnaire } = await stack.graphql(
    link,
    '{ questionnaire(id: "qn-intake-v1") { items { linkId type required options { code } } } }',
  );
  const items = questionnaire.items as (QuestionnaireItemShape & { required: boolean })[];
  const answers = answersFor(
    items.filter((item) => item.required || item.linkId.startsWith('allergies')),
    'Ninguno',
  );
  await stack.graphql(link, SUBMIT, { input: { patientId, questionnaireId: 'qn-intake-v1', language: 'ES', answers } });
}

describe('delivery to the EHRs through the real stack', () => {
  let stack: InProcessStack | undefined;
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });

  it('delivers every change exactly once while the EHRs fail a third of requests and answer 503s', async () => {
    stack = await startInProcessStack({
      faults: { failureRate: 0.33, retryAfterRate: 0.1, retryAfterSeconds: 0, seed: 7 },
    });
    const riverside = await stack.login('clinician@riverside.test');
    const lakeside = await stack.login('clinician@lakeside.test');
    const invariant: boolean[] = [];
    const sample = async () => {
      const c = await stack!.transactions.counts();
      const all = (await stack!.transactions.open()).length + c.DELIVERED + c.DEAD;
      invariant.push(all === c.PENDING + c.FAILED + c.DELIVERED + c.DEAD);
    };

    const created: Record<string, { id: string; version: number }[]> = {};
    for (const [name, token, offset] of [
      ['athena', riverside, 0],
      ['allscripts', lakeside, 10],
    ] as const) {
      const data = await stack.graphql(token, CREATE, { inputs: [0, 1, 2, 3, 4].map((i) => person(offset + i)) });
      created[name] = data.createPatients;
      await sample();
      for (const patient of created[name]!.slice(0, 2)) {
        await stack.graphql(token, UPDATE, { id: patient.id, input: { lastName: 'Renamed' }, v: patient.version });
      }
      await answerIntake(stack, token, created[name]![4]!.id);
      await sample();
    }
    await stack.settled();
    await sample();

    const counts = await stack.transactions.counts();
    expect(counts).toMatchObject({ PENDING: 0, FAILED: 0, DEAD: 0 });
    expect(invariant.every(Boolean)).toBe(true);
    const stats = stack.sandbox.store.stats();
    // Faults really happened, and still each transaction became exactly one write, and each patient one record.
    expect(stats['athena']!.injectedFailures + stats['allscripts']!.injectedFailures).toBeGreaterThan(0);
    expect(stats['athena']!.acceptedWrites + stats['allscripts']!.acceptedWrites).toBe(counts.DELIVERED);
    expect([stats['athena']!.patients, stats['allscripts']!.patients]).toEqual([5, 5]);
    // Every change made one transaction per endpoint it touched: 10 creations and 4 updates
    // (demographics), and the two responses' clinical endpoints.
    const triggers = (await stack.transactions.list('org-riverside', {})).concat(
      await stack.transactions.list('org-lakeside', {}),
    );
    const byTrigger = (t: string) => triggers.filter((x) => x.trigger === t).length;
    expect([byTrigger('PATIENT_CREATED'), byTrigger('PATIENT_UPDATED')]).toEqual([10, 4]);
    expect(byTrigger('RESPONSE_SUBMITTED')).toBeGreaterThanOrEqual(2);
    expect(triggers).toHaveLength(counts.DELIVERED);
    const names = stack.sandbox.store
      .listPatients('allscripts')
      .map((p) => p.demographics['NAME_OF_PAT'])
      .sort();
    expect(names).toEqual([
      'Case10 Renamed',
      'Case11 Renamed',
      'Case12 Tester12',
      'Case13 Tester13',
      'Case14 Tester14',
    ]);
  });

  it('delivers the changes made while the ehr service was down once it is back', async () => {
    stack = await startInProcessStack();
    const token = await stack.login('clinician@riverside.test');
    const [first] = (await stack.graphql(token, CREATE, { inputs: [person(1)] })).createPatients as {
      id: string;
      version: number;
    }[];
    await stack.settled();
    await stack.stopEhr();
    let version = first!.version;
    for (const lastName of ['Down1', 'Down2', 'Down3']) {
      version = (await stack.graphql(token, UPDATE, { id: first!.id, input: { lastName }, v: version })).updatePatient
        .version;
    }
    await stack.graphql(token, CREATE, { inputs: [person(2)] });
    await new Promise((r) => setTimeout(r, 300));
    expect(await stack.patientOutbox.size()).toBe(4);
    await stack.startEhr();
    await stack.settled();
    expect(await stack.transactions.counts()).toMatchObject({ DELIVERED: 5, DEAD: 0, PENDING: 0, FAILED: 0 });
    const names = stack.sandbox.store
      .listPatients('athena')
      .map((p) => p.demographics['PATIENT_IDENT_NAME'])
      .sort();
    expect(names).toEqual(['Case1 Down3', 'Case2 Tester2']);
  });

  it('makes an EHR validation error DEAD at once, and delivers the replay after the mapping is fixed', async () => {
    stack = await startInProcessStack();
    const admin = await stack.login('admin@lakeside.test');
    const { ehrSystem } = await stack.graphql(
      admin,
      '{ ehrSystem(id: "ehr-allscripts") { mapping { fields { source target endpoint transform { kind dateFormat codes { from to } } } } } }',
    );
    // Dropping the date transform passes our validation, but Allscripts wants MM/DD/YYYY.
    const fields = (ehrSystem.mapping.fields as { source: string; transform: unknown }[]).map((f) =>
      f.source === 'dob' ? { ...f, transform: null } : f,
    );
    const published = await stack.graphql(
      admin,
      'mutation ($f: [FieldMappingInput!]!) { publishEhrMapping(ehrSystemId: "ehr-allscripts", input: { fields: $f, note: "no date format" }) { version } }',
      { f: fields },
    );
    expect(published.publishEhrMapping.version).toBe(2);

    const [patient] = (await stack.graphql(admin, CREATE, { inputs: [person(3)] })).createPatients as { id: string }[];
    await stack.settled();
    const { ehrTransactions } = await stack.graphql(
      admin,
      '{ ehrTransactions(filter: { status: DEAD }) { nodes { id attempts lastError mappingVersion } } }',
    );
    expect(ehrTransactions.nodes).toEqual([
      {
        id: expect.any(String),
        attempts: 1,
        mappingVersion: 2,
        // The status only: the sandbox's answer (naming the key it missed) stays out of the graph.
        lastError: 'The EHR refused the request (HTTP 422).',
      },
    ]);

    await stack.graphql(
      admin,
      'mutation { rollbackEhrMapping(ehrSystemId: "ehr-allscripts", version: 1) { version } }',
    );
    const replay = await stack.graphql(
      admin,
      'mutation ($id: ID!) { replayEhrTransaction(id: $id, mapping: CURRENT) { id mappingVersion replayOf } }',
      {
        id: ehrTransactions.nodes[0].id,
      },
    );
    expect(replay.replayEhrTransaction).toMatchObject({ mappingVersion: 3, replayOf: ehrTransactions.nodes[0].id });
    // A second replay would send the same data again under a new idempotency key: refused.
    await expect(
      stack.graphql(admin, 'mutation ($id: ID!) { replayEhrTransaction(id: $id) { id } }', {
        id: ehrTransactions.nodes[0].id,
      }),
    ).rejects.toThrow(new RegExp(`already replayed as ${replay.replayEhrTransaction.id}.*"code":"BAD_USER_INPUT"`));
    await stack.settled();
    const { patient: after, ehrTransaction: deadAfter } = await stack.graphql(
      admin,
      `query ($id: ID!, $dead: ID!) {
        patient(id: $id) { ehrTransactions { id status } lastEhrTransaction { id status } }
        ehrTransaction(id: $dead) { replayedBy { id status } }
      }`,
      { id: patient!.id, dead: ehrTransactions.nodes[0].id },
    );
    expect(after.ehrTransactions.map((t: { status: string }) => t.status).sort()).toEqual(['DEAD', 'DELIVERED']);
    expect(after.lastEhrTransaction).toEqual({ id: replay.replayEhrTransaction.id, status: 'DELIVERED' });
    expect(deadAfter.replayedBy).toEqual({ id: replay.replayEhrTransaction.id, status: 'DELIVERED' });
    expect(stack.sandbox.store.listPatients('allscripts').map((p) => p.demographics['BIRTHDATE_OF_PAT'])).toEqual([
      '04/13/1953',
    ]);
  });

  it('delivers exactly what the preview showed', async () => {
    stack = await startInProcessStack();
    const token = await stack.login('clinician@riverside.test');
    const [patient] = (await stack.graphql(token, CREATE, { inputs: [person(4)] })).createPatients as { id: string }[];
    await answerIntake(stack, token, patient!.id);
    await stack.settled();
    const { patient: read } = await stack.graphql(
      token,
      'query ($id: ID!) { patient(id: $id) { ehrPreview { endpoint method payload } } }',
      { id: patient!.id },
    );
    const [received] = stack.sandbox.store.listPatients('athena');
    const preview = read.ehrPreview as { endpoint: string; method: string; payload: Record<string, unknown> }[];
    expect(preview[0]).toEqual({
      endpoint: `/v1/patients/${received!.ehrPatientId}`,
      method: 'PUT',
      payload: received!.demographics,
    });
    const clinical = Object.fromEntries(
      preview.slice(1).map((r) => [r.endpoint.replace(received!.ehrPatientId, '{ehrPatientId}'), r.payload]),
    );
    const delivered = Object.fromEntries(
      Object.entries(received!.clinical).map(([path, bodies]) => [`/v1${path.replace(/^\/v1/, '')}`, bodies.at(-1)]),
    );
    expect(clinical).toEqual(delivered);
    expect(Object.keys(clinical).length).toBeGreaterThan(0);
  });

  it('previews a draft and another EHR system, and delivers what the draft showed once published', async () => {
    stack = await startInProcessStack();
    const admin = await stack.login('admin@riverside.test');
    const [patient] = (await stack.graphql(admin, CREATE, { inputs: [person(7)] })).createPatients as { id: string }[];
    await stack.settled();
    const PREVIEW = `query ($id: ID!, $v: Int, $draft: EhrMappingInput, $system: ID) { patient(id: $id) {
      ehrPreview(mappingVersion: $v, draft: $draft, ehrSystemId: $system) { endpoint method payload } } }`;
    const { ehrSystem } = await stack.graphql(
      admin,
      '{ ehrSystem(id: "ehr-athena") { mapping { fields { source target endpoint transform { kind dateFormat codes { from to } } } } } }',
    );
    const fields = (ehrSystem.mapping.fields as { source: string }[]).filter((f) => f.source !== 'email');
    const draft = (await stack.graphql(admin, PREVIEW, { id: patient!.id, draft: { fields } })).patient.ehrPreview;
    const [received] = stack.sandbox.store.listPatients('athena');
    expect(received!.demographics['PATIENT_EMAIL_ID']).toBe('case7@example.test');
    const { PATIENT_EMAIL_ID: _email, ...withoutEmail } = received!.demographics;
    expect(draft[0]).toEqual({
      endpoint: `/v1/patients/${received!.ehrPatientId}`,
      method: 'PUT',
      payload: withoutEmail,
    });
    // Allscripts has never heard of the patient: its preview creates one, in its own keys.
    const allscripts = (await stack.graphql(admin, PREVIEW, { id: patient!.id, system: 'ehr-allscripts' })).patient
      .ehrPreview;
    expect(allscripts[0]).toMatchObject({
      endpoint: '/api/patient',
      method: 'POST',
      payload: { NAME_OF_PAT: 'Case7 Tester7' },
    });
    await expect(stack.graphql(admin, PREVIEW, { id: patient!.id, draft: { fields }, v: 1 })).rejects.toThrow(
      /BAD_USER_INPUT/,
    );
    await expect(stack.graphql(admin, PREVIEW, { id: patient!.id, system: 'ehr-nope' })).rejects.toThrow(
      /is not a known EHR system/,
    );

    await stack.graphql(
      admin,
      'mutation ($f: [FieldMappingInput!]!) { publishEhrMapping(ehrSystemId: "ehr-athena", input: { fields: $f }) { version } }',
      { f: fields },
    );
    await stack.graphql(admin, 'mutation ($id: ID!) { resendPatientToEhr(patientId: $id) { id } }', {
      id: patient!.id,
    });
    await stack.settled();
    expect(stack.sandbox.store.listPatients('athena')[0]!.demographics).toEqual(draft[0].payload);
  });

  it('sends to the EHR every patient a bulk change moves to another physician', async () => {
    stack = await startInProcessStack();
    const token = await stack.login('clinician@riverside.test');
    const MOVE = `mutation ($dryRun: Boolean) { updatePatients(filter: { primaryCarePhysicianId: "prov-riverside-1" },
      input: { primaryCarePhysicianId: "prov-riverside-2" }, dryRun: $dryRun) { dryRun matchedCount changedCount } }`;
    const { patients } = await stack.graphql(
      token,
      '{ patients(first: 100, filter: { primaryCarePhysicianId: "prov-riverside-1" }) { totalCount nodes { id } } }',
    );
    const moved = (patients.nodes as { id: string }[]).map((p) => p.id).sort();
    expect(moved).toHaveLength(patients.totalCount);

    const dry = await stack.graphql(token, MOVE);
    expect(dry.updatePatients).toEqual({ dryRun: true, matchedCount: moved.length, changedCount: moved.length });
    await stack.settled();
    expect((await stack.transactions.counts()).DELIVERED).toBe(0);

    const done = await stack.graphql(token, MOVE, { dryRun: false });
    expect(done.updatePatients).toEqual({ dryRun: false, matchedCount: moved.length, changedCount: moved.length });
    await stack.settled();
    const { ehrTransactions } = await stack.graphql(
      token,
      '{ ehrTransactions(first: 100) { totalCount nodes { status endpoint patient { id } } } }',
    );
    const nodes = ehrTransactions.nodes as { status: string; endpoint: string; patient: { id: string } }[];
    expect(nodes.map((t) => t.patient.id).sort()).toEqual(moved);
    expect(nodes.every((t) => t.status === 'DELIVERED' && t.endpoint.startsWith('/v1/patients'))).toBe(true);
    const received = stack.sandbox.store.listPatients('athena');
    expect(received.map((p) => p.demographics['PRIMARY_CARE_DOCTOR_PATIENT'])).toEqual(
      moved.map(() => 'Dr. Daniel Whitfield'),
    );
  });

  it('counts a bulk resend before doing it, then queues exactly that many requests', async () => {
    stack = await startInProcessStack();
    // Resending the whole organization is an ADMIN's call.
    const token = await stack.login('admin@lakeside.test');
    await stack.graphql(token, CREATE, { inputs: [person(5), person(6)] });
    await stack.settled();
    const dry = await stack.graphql(token, 'mutation { resendToEhr { dryRun patientCount requestCount } }');
    expect(dry.resendToEhr).toEqual({ dryRun: true, patientCount: 2, requestCount: 2 });
    const before = (await stack.transactions.counts()).DELIVERED;
    const done = await stack.graphql(
      token,
      'mutation { resendToEhr(dryRun: false) { dryRun patientCount requestCount } }',
    );
    expect(done.resendToEhr).toEqual({ dryRun: false, patientCount: 2, requestCount: 2 });
    await stack.settled();
    expect((await stack.transactions.counts()).DELIVERED - before).toBe(2);
    expect(stack.sandbox.store.stats()['allscripts']!.patients).toBe(2);
  });
});
