import type { IncomingHttpHeaders } from 'node:http';
import type { FormattedExecutionResult } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  DEV_AUDIT_HMAC_KEY,
  InMemoryAuditLog,
  type AuditRecord,
  type ChangeEvent,
} from '@carebridge/common';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import type { PatientRecord } from '../src/data/records';
import { seedPatients } from '../src/data/seed';
import { createSeededStore, createService } from '../src/server';
import { intakeHeaders, NOW, staffHeaders } from './helpers';

// `updatePatients`, the bulk change. Seeded Riverside (120 patients): prov-riverside-1 has 36
// (24 speak EN, 12 ES), prov-riverside-2 34, prov-riverside-3 33, and 40 of the 120 speak ES.
// Lakeside's prov-lakeside-1 has 36. The caller is a Riverside ADMIN unless a test says otherwise.

const BULK = `mutation ($filter: BulkPatientFilter!, $input: BulkPatientUpdateInput!, $dryRun: Boolean) {
  updatePatients(filter: $filter, input: $input, dryRun: $dryRun) { dryRun matchedCount changedCount } }`;
const DEFAULT_DRY_RUN = `mutation ($filter: BulkPatientFilter!, $input: BulkPatientUpdateInput!) {
  updatePatients(filter: $filter, input: $input) { dryRun matchedCount changedCount } }`;
const WHITFIELD = { id: 'prov-riverside-2', displayName: 'Dr. Daniel Whitfield', npi: '1901020000' };

let auth: TestAuth;
let riverside: IncomingHttpHeaders;
let riversideClinician: IncomingHttpHeaders;
let lakeside: IncomingHttpHeaders;
let intake: IncomingHttpHeaders;

beforeAll(async () => {
  auth = await createTestAuth();
  ({ riverside: riversideClinician, lakeside } = await staffHeaders(auth));
  riverside = await auth.headers(staff('org-riverside', 'ADMIN'));
  intake = await intakeHeaders(auth);
});

/** A seeded service with a fixed clock, its store, its audit log and every log line as text. */
function setup() {
  const store = createSeededStore({ now: () => new Date(NOW) });
  const audit = new InMemoryAuditLog({ service: 'patient', key: DEV_AUDIT_HMAC_KEY });
  const logs: string[] = [];
  const service = createService({
    verifier: auth.verifier,
    store,
    audit,
    logger: createLogger('patient', {}, (line) => logs.push(line)),
  });
  return {
    store,
    audit,
    logs,
    run: (variables: Record<string, unknown>, headers = riverside, query = BULK) =>
      execute<{ updatePatients: unknown }>(service, query, variables, headers),
  };
}

const errorsOf = (result: FormattedExecutionResult<unknown>) =>
  (result.errors ?? []).map((e) => [e.extensions?.['code'], e.extensions?.['problems'] ?? e.message]);
const events = (store: ReturnType<typeof setup>['store']): ChangeEvent[] => store.outbox.pendingNow(1_000);
/** The physician a patient.upserted event carries; undefined for any other event. */
const physicianOf = (e: ChangeEvent) => (e.type === 'patient.upserted' ? e.patient.primaryCarePhysician : undefined);
const seeded = (filter: (p: PatientRecord) => boolean) => seedPatients().filter(filter);
const recorded = (audit: InMemoryAuditLog) =>
  audit.all().map((r: AuditRecord) => [r.action, r.outcome, r.patientIds.length, r.detail]);

describe('updatePatients', () => {
  it('counts without changing anything on a dry run, the default', async () => {
    const { store, run } = setup();
    const before = await store.listAll({});
    const variables = { filter: { primaryCarePhysicianId: 'prov-riverside-1' }, input: { preferredLanguage: 'ES' } };
    expect(await run(variables, riverside, DEFAULT_DRY_RUN)).toEqual({
      data: { updatePatients: { dryRun: true, matchedCount: 36, changedCount: 24 } },
    });
    expect(await run({ ...variables, dryRun: true })).toEqual({
      data: { updatePatients: { dryRun: true, matchedCount: 36, changedCount: 24 } },
    });
    expect(await run({ filter: { organizationId: 'org-riverside' }, input: { preferredLanguage: 'ES' } })).toEqual({
      data: { updatePatients: { dryRun: true, matchedCount: 120, changedCount: 80 } },
    });
    expect(await store.listAll({})).toEqual(before);
    expect(events(store)).toEqual([]);
  });

  it('changes only the patients whose value differs: a new version and one event each', async () => {
    const { store, run } = setup();
    const result = await run({
      filter: { primaryCarePhysicianId: 'prov-riverside-1' },
      input: { preferredLanguage: 'ES' },
      dryRun: false,
    });
    expect(result).toEqual({ data: { updatePatients: { dryRun: false, matchedCount: 36, changedCount: 24 } } });
    const wasEnglish = seeded((p) => p.primaryCarePhysicianId === 'prov-riverside-1' && p.preferredLanguage === 'EN');
    const after = await store.listAll({ primaryCarePhysicianId: 'prov-riverside-1' });
    expect(after.map((p) => p.preferredLanguage)).toEqual(after.map(() => 'ES'));
    const changed = after.filter((p) => p.version === 2);
    expect(changed.map((p) => p.id).sort()).toEqual(wasEnglish.map((p) => p.id).sort());
    expect(changed.every((p) => p.updatedAt === NOW)).toBe(true);
    expect(after.filter((p) => p.version === 1)).toHaveLength(12);
    // The same event updatePatient records: patient.upserted with the whole snapshot, per changed patient.
    expect(events(store)).toMatchObject(
      changed.map((p) => ({
        type: 'patient.upserted',
        patientId: p.id,
        organizationId: 'org-riverside',
        occurredAt: NOW,
        patient: { id: p.id, mrn: p.mrn, preferredLanguage: 'ES' },
      })),
    );
    // Nobody else changed.
    const others = (await store.listAll({})).filter((p) => p.primaryCarePhysicianId !== 'prov-riverside-1');
    expect(others.every((p) => p.version === 1)).toBe(true);
  });

  it('moves every patient of one physician to another, and a second run changes nothing', async () => {
    const { store, run } = setup();
    const variables = {
      filter: { primaryCarePhysicianId: 'prov-riverside-1' },
      input: { primaryCarePhysicianId: 'prov-riverside-2' },
      dryRun: false,
    };
    expect((await run(variables)).data).toEqual({
      updatePatients: { dryRun: false, matchedCount: 36, changedCount: 36 },
    });
    expect(await store.listAll({ primaryCarePhysicianId: 'prov-riverside-1' })).toEqual([]);
    expect(await store.listAll({ primaryCarePhysicianId: 'prov-riverside-2' })).toHaveLength(70);
    expect(events(store)).toHaveLength(36);
    expect(events(store).map(physicianOf)).toEqual(events(store).map(() => WHITFIELD));
    expect((await run(variables)).data).toEqual({
      updatePatients: { dryRun: false, matchedCount: 0, changedCount: 0 },
    });
    expect(
      (await run({ ...variables, filter: { primaryCarePhysicianId: 'prov-riverside-2' }, dryRun: true })).data,
    ).toEqual({ updatePatients: { dryRun: true, matchedCount: 70, changedCount: 0 } });
    expect(events(store)).toHaveLength(36);
  });

  it('clears the physician given as null, as updatePatient does', async () => {
    const { store, run } = setup();
    const result = await run({
      filter: { organizationId: 'org-riverside', primaryCarePhysicianId: 'prov-riverside-3' },
      input: { primaryCarePhysicianId: null },
      dryRun: false,
    });
    expect(result.data).toEqual({ updatePatients: { dryRun: false, matchedCount: 33, changedCount: 33 } });
    expect(await store.listAll({ primaryCarePhysicianId: 'prov-riverside-3' })).toEqual([]);
    expect(events(store).map(physicianOf)).toEqual(events(store).map(() => null));
  });

  it('refuses an empty filter, an empty change and a bad value with every problem, and changes nothing', async () => {
    const { store, run } = setup();
    const cases: [Record<string, unknown>, Record<string, unknown>, unknown][] = [
      [
        {},
        {},
        [
          { field: 'filter', message: 'must have at least one criterion' },
          { field: 'input', message: 'must change at least one field' },
        ],
      ],
      [
        { organizationId: null, primaryCarePhysicianId: null },
        { preferredLanguage: 'ES' },
        [{ field: 'filter', message: 'must have at least one criterion' }],
      ],
      [
        { organizationId: 'org-riverside' },
        { primaryCarePhysicianId: 'prov-lakeside-1', preferredLanguage: null },
        [
          { field: 'input.preferredLanguage', message: 'is required and cannot be cleared' },
          { field: 'input.primaryCarePhysicianId', message: "must be a provider of the patient's organization" },
        ],
      ],
      [
        { primaryCarePhysicianId: 'prov-riverside-1' },
        { primaryCarePhysicianId: 'prov-nobody' },
        [{ field: 'input.primaryCarePhysicianId', message: 'is not a known provider' }],
      ],
    ];
    for (const [filter, input, problems] of cases) {
      const result = await run({ filter, input, dryRun: false });
      expect([result.data, errorsOf(result)]).toEqual([null, [['BAD_USER_INPUT', problems]]]);
    }
    expect(events(store)).toEqual([]);
    expect((await store.listAll({})).every((p) => p.version === 1)).toBe(true);
  });

  it('refuses another organization with FORBIDDEN before validating, and an intake link', async () => {
    const { store, run } = setup();
    const other = await run({ filter: { organizationId: 'org-lakeside' }, input: {}, dryRun: false });
    expect([other.data, errorsOf(other)]).toEqual([
      null,
      [['FORBIDDEN', 'Only patients of your own organization can be changed.']],
    ]);
    const link = await run(
      { filter: { organizationId: 'org-riverside' }, input: { preferredLanguage: 'ES' }, dryRun: false },
      intake,
    );
    expect([link.data, errorsOf(link)]).toEqual([
      null,
      [['FORBIDDEN', 'An intake link only allows answering its questionnaire.']],
    ]);
    expect(events(store)).toEqual([]);
  });

  it("never reaches another organization's patients, even through one of its physicians", async () => {
    const { store, run } = setup();
    const lakesideBefore = await store.listAll({ organizationId: 'org-lakeside' });
    for (const filter of [
      { primaryCarePhysicianId: 'prov-lakeside-1' },
      { organizationId: 'org-riverside', primaryCarePhysicianId: 'prov-lakeside-1' },
    ]) {
      const result = await run({ filter, input: { preferredLanguage: 'ES' }, dryRun: false });
      expect(result.data).toEqual({ updatePatients: { dryRun: false, matchedCount: 0, changedCount: 0 } });
    }
    expect(await store.listAll({ organizationId: 'org-lakeside' })).toEqual(lakesideBefore);
    expect(events(store)).toEqual([]);
    // Lakeside's own staff can change them.
    const own = await run(
      { filter: { primaryCarePhysicianId: 'prov-lakeside-1' }, input: { preferredLanguage: 'ES' } },
      lakeside,
    );
    expect(own.data).toEqual({ updatePatients: { dryRun: true, matchedCount: 36, changedCount: 17 } });
  });

  it('is audited as patient.update with the patients changed, and logs counts only', async () => {
    const { audit, logs, run } = setup();
    const change = { filter: { primaryCarePhysicianId: 'prov-riverside-1' }, input: { preferredLanguage: 'ES' } };
    await run(change);
    await run({ ...change, dryRun: false });
    await run({ ...change, input: {} });
    await run({ filter: { organizationId: 'org-lakeside' }, input: { preferredLanguage: 'ES' } });
    expect(recorded(audit)).toEqual([
      ['patient.update', 'ALLOWED', 24, 'dry-run'],
      ['patient.update', 'ALLOWED', 24, undefined],
      ['patient.update', 'FAILED', 0, 'BAD_USER_INPUT'],
      ['patient.update', 'DENIED', 0, 'OTHER_ORGANIZATION'],
    ]);
    const changedIds = seeded(
      (p) => p.primaryCarePhysicianId === 'prov-riverside-1' && p.preferredLanguage === 'EN',
    ).map((p) => p.id);
    expect([...(audit.all()[1]?.patientIds ?? [])].sort()).toEqual(changedIds.sort());
    const updated = logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l['event'] === 'patients.updated');
    expect(updated).toEqual([expect.objectContaining({ matched: 36, count: 24, userId: 'user-admin-org-riverside' })]);
    const text = logs.join('\n');
    for (const p of seedPatients().slice(0, 3)) {
      expect(text).not.toContain(p.lastName);
      expect(text).not.toContain(p.mrn);
    }
  });

  it("lets a CLINICIAN change one physician's patients but not the whole organization", async () => {
    const { store, audit, run } = setup();
    const before = await store.listAll({});
    const input = { preferredLanguage: 'ES' };
    expect(
      await run({ filter: { organizationId: 'org-riverside' }, input, dryRun: false }, riversideClinician),
    ).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          message: "Changing every patient of the organization needs the ADMIN role; choose one physician's patients.",
          extensions: { code: 'FORBIDDEN' },
        }),
      ],
    });
    expect(await store.listAll({})).toEqual(before);
    expect(await run({ filter: { primaryCarePhysicianId: 'prov-riverside-1' }, input }, riversideClinician)).toEqual({
      data: { updatePatients: { dryRun: true, matchedCount: 36, changedCount: 24 } },
    });
    expect(recorded(audit)).toEqual([
      ['patient.update', 'DENIED', 0, 'ROLE_REQUIRED'],
      ['patient.update', 'ALLOWED', 24, 'dry-run'],
    ]);
  });
});
