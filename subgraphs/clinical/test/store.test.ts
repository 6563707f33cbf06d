import { AuditWriteError, type ChangeEvent } from '@carebridge/common';
import { lazyTestAuditLog, testSchemas, type TestAuditLog } from '@carebridge/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { openClinicalDatabase } from '../src/data/database';
import { PostgresClinicalStore } from '../src/data/postgresStore';
import type { QuestionnaireRecord, QuestionnaireResponseRecord } from '../src/data/records';
import { seedData } from '../src/data/seed';
import {
  InMemoryClinicalStore,
  LinkAlreadyUsedError,
  PatientDeletedError,
  type ClinicalStore,
} from '../src/data/store';
import { fixtureQuestionnaire } from './fixtures';

/**
 * One contract, two stores: every behaviour below holds for the in-memory store and for PostgreSQL
 * (the real server; these fail, never skip, without one). A "pair" is two stores over the same
 * data, as two replicas have: the in-memory one is one store twice.
 */

interface Pair {
  a: ClinicalStore;
  b: ClinicalStore;
  /** The service's audit log beside the stores (a file in memory; their schema on PostgreSQL). */
  audit: () => Promise<TestAuditLog>;
  close: () => Promise<void>;
}

interface Backend {
  name: string;
  pair: () => Promise<Pair>;
}

const schemas = testSchemas('clinical');
afterAll(() => schemas.drop());
let schemaCount = 0;

/** A PostgreSQL store on `schema`, with what closes it as `src/data/storage.ts` does. */
async function openPostgres(schema: string) {
  const database = await openClinicalDatabase({ url: schemas.url, schema });
  const store = new PostgresClinicalStore(database);
  return {
    store,
    close: async () => {
      await store.close();
      await database.close();
    },
  };
}

const backends: Backend[] = [
  {
    name: 'in memory',
    pair: () => {
      const store = new InMemoryClinicalStore();
      const { audit, close } = lazyTestAuditLog('clinical');
      return Promise.resolve({ a: store, b: store, audit, close });
    },
  },
  {
    name: 'PostgreSQL',
    pair: async () => {
      const schema = schemas.schema(`clinical${++schemaCount}`);
      // Two pools, as two replicas would have; the second finds the schema migrated.
      const one = await openPostgres(schema);
      const two = await openPostgres(schema);
      const audit = lazyTestAuditLog('clinical', { url: schemas.url, schema });
      return {
        a: one.store,
        b: two.store,
        audit: audit.audit,
        close: async () => {
          await audit.close();
          await one.close();
          await two.close();
        },
      };
    },
  },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const V1 = fixtureQuestionnaire();
const version = (n: number, overrides: Partial<QuestionnaireRecord> = {}): QuestionnaireRecord => ({
  ...V1,
  id: `qn-fixture-v${n}`,
  version: n,
  publishedAt: `2026-01-0${n}T00:00:00.000Z`,
  ...overrides,
});

function response(overrides: Partial<QuestionnaireResponseRecord> = {}): QuestionnaireResponseRecord {
  return {
    id: 'qr-1',
    patientId: 'pt-1',
    organizationId: 'org-riverside',
    questionnaireId: V1.id,
    language: 'EN',
    answers: [{ linkId: 'q.symptoms', valueCodes: ['COUGH'] }],
    submittedAt: '2026-02-01T10:00:00.000Z',
    submittedBy: 'user-1',
    ...overrides,
  };
}

const answered = (events: ChangeEvent[]) =>
  events.map((e) => (e.type === 'clinical.answered' ? [e.organizationId, e.patientId, e.responseId] : [e.type]));

describe.each(backends)('the clinical store ($name)', (backend) => {
  async function withStores(
    body: (a: ClinicalStore, b: ClinicalStore, audit: () => Promise<TestAuditLog>) => Promise<void>,
  ) {
    const { a, b, audit, close } = await backend.pair();
    try {
      await body(a, b, audit);
    } finally {
      await close();
    }
  }

  describe('questionnaires', () => {
    it('publishes versions: the new one ACTIVE, the previous RETIRED, each version’s content kept', () =>
      withStores(async (a, b) => {
        expect(await a.addQuestionnaireVersion({ ...V1, status: 'RETIRED' })).toEqual(V1);
        const v2 = version(2, { title: { en: 'Fixture 2', es: 'Prueba 2' }, items: V1.items.slice(0, 2) });
        expect(await b.addQuestionnaireVersion(v2)).toEqual(v2);
        expect(await a.questionnaire(V1.id)).toEqual({ ...V1, status: 'RETIRED' });
        expect(await a.questionnaire(v2.id)).toEqual(v2);
        expect(await b.questionnaireVersions(V1.name)).toEqual([{ ...V1, status: 'RETIRED' }, v2]);
        expect(await a.questionnaireVersions('unknown')).toEqual([]);
        expect(await a.questionnaire('qn-missing')).toBeUndefined();
        expect(await a.questionnairesById([v2.id, 'qn-missing', v2.id])).toEqual(new Map([[v2.id, v2]]));
        expect(await a.questionnairesById([])).toEqual(new Map());
      }));

    it('lists the ACTIVE version of each name, or every version, by name then version', () =>
      withStores(async (a) => {
        // Upper case sorts before lower case, as JavaScript's default sort has it.
        for (const name of ['b-intake', 'a-intake', 'Z-intake']) {
          await a.addQuestionnaireVersion(version(1, { id: `qn-${name}-1`, name }));
        }
        await a.addQuestionnaireVersion(version(2, { id: 'qn-b-intake-2', name: 'b-intake' }));
        const listed = async (includeRetired: boolean) =>
          (await a.questionnaires({ includeRetired })).map((q) => [q.name, q.version, q.status]);
        expect(await listed(false)).toEqual([
          ['Z-intake', 1, 'ACTIVE'],
          ['a-intake', 1, 'ACTIVE'],
          ['b-intake', 2, 'ACTIVE'],
        ]);
        expect(await listed(true)).toEqual([
          ['Z-intake', 1, 'ACTIVE'],
          ['a-intake', 1, 'ACTIVE'],
          ['b-intake', 1, 'RETIRED'],
          ['b-intake', 2, 'ACTIVE'],
        ]);
      }));

    it('refuses a version that is not the next one, and a taken id, changing nothing', () =>
      withStores(async (a) => {
        await expect(a.addQuestionnaireVersion(version(2))).rejects.toThrow('expects version 1');
        await a.addQuestionnaireVersion(V1);
        await expect(a.addQuestionnaireVersion(version(1, { id: 'qn-other' }))).rejects.toThrow('expects version 2');
        await expect(a.addQuestionnaireVersion(version(3))).rejects.toThrow('expects version 2');
        await expect(a.addQuestionnaireVersion(version(1, { name: 'other' }))).rejects.toThrow('is taken');
        expect(await a.questionnaires({ includeRetired: true })).toEqual([V1]);
      }));

    it('lets only one of two concurrent publishes of the same version win', () =>
      withStores(async (a, b) => {
        await a.addQuestionnaireVersion(V1);
        const results = await Promise.allSettled([
          a.addQuestionnaireVersion(version(2, { id: 'qn-from-a' })),
          b.addQuestionnaireVersion(version(2, { id: 'qn-from-b' })),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
        expect((await a.questionnaireVersions(V1.name)).map((q) => [q.version, q.status])).toEqual([
          [1, 'RETIRED'],
          [2, 'ACTIVE'],
        ]);
      }));
  });

  describe('responses', () => {
    it('keeps a response exactly as stored: every kind of answer, as codes and values', () =>
      withStores(async (a, b) => {
        await a.addQuestionnaireVersion(V1);
        const stored = response({
          language: 'ES',
          answers: [
            { linkId: 'q.symptoms', valueCodes: ['COUGH', 'FEVER'] },
            { linkId: 'q.tobacco', valueCodes: ['NEVER'] },
            { linkId: 'q.travel', valueBoolean: false },
            { linkId: 'q.other', valueString: 'Tos por las noches, "seca"' },
            { linkId: 'q.pain', valueNumber: 6.5 },
            { linkId: 'q.checkup', valueDate: '2025-11-20' },
          ],
        });
        expect(await a.addResponse(stored)).toEqual(stored);
        expect(await b.response(stored.id)).toEqual(stored);
        expect(await b.responsesOfPatient('pt-1')).toEqual([stored]);
        expect(await a.response('qr-missing')).toBeUndefined();
        expect(await a.responsesOfPatient('pt-none')).toEqual([]);
      }));

    it('lists a patient’s responses newest first; on the same instant, the later stored first', () =>
      withStores(async (a, b) => {
        await a.addQuestionnaireVersion(V1);
        await a.addResponse(response({ id: 'qr-mid', submittedAt: '2026-02-02T10:00:00.000Z' }));
        await b.addResponse(response({ id: 'qr-old', submittedAt: '2026-02-01T10:00:00.000Z' }));
        await a.addResponse(response({ id: 'qr-new', submittedAt: '2026-02-03T10:00:00.000Z' }));
        await b.addResponse(response({ id: 'qr-new-too', submittedAt: '2026-02-03T10:00:00.000Z' }));
        await a.addResponse(response({ id: 'qr-other', patientId: 'pt-2' }));
        expect((await a.responsesOfPatient('pt-1')).map((r) => r.id)).toEqual([
          'qr-new-too',
          'qr-new',
          'qr-mid',
          'qr-old',
        ]);
      }));

    it('refuses a taken id and an unknown questionnaire, storing nothing and recording no event', () =>
      withStores(async (a) => {
        await a.addQuestionnaireVersion(V1);
        const first = response();
        await a.addResponse(first);
        await expect(a.addResponse(response({ patientId: 'pt-2' }))).rejects.toThrow('is taken');
        await expect(a.addResponse(response({ id: 'qr-2', questionnaireId: 'qn-missing' }))).rejects.toThrow(
          'unknown questionnaire',
        );
        expect([await a.responsesOfPatient('pt-1'), await a.responsesOfPatient('pt-2')]).toEqual([[first], []]);
        expect(await a.outbox.size()).toBe(1);
      }));
  });

  describe('clinical.answered events', () => {
    it('record with each response the patient’s latest answers of the response’s organization', () =>
      withStores(async (a, b) => {
        await a.addQuestionnaireVersion(V1);
        await a.addResponse(response({ id: 'qr-1', answers: [{ linkId: 'q.symptoms', valueCodes: ['COUGH'] }] }));
        await b.addResponse(
          response({
            id: 'qr-2',
            submittedAt: '2026-02-02T10:00:00.000Z',
            answers: [
              { linkId: 'q.symptoms', valueCodes: ['FEVER'] },
              { linkId: 'q.pain', valueNumber: 4 },
            ],
          }),
        );
        // Another organization's answers for the same patient stay out of Riverside's events, and back.
        await a.addResponse(
          response({
            id: 'qr-lakeside',
            organizationId: 'org-lakeside',
            submittedAt: '2026-02-03T10:00:00.000Z',
            answers: [{ linkId: 'q.tobacco', valueCodes: ['CURRENT'] }],
          }),
        );
        const events = await a.outbox.pending(10);
        expect(answered(events)).toEqual([
          ['org-riverside', 'pt-1', 'qr-1'],
          ['org-riverside', 'pt-1', 'qr-2'],
          ['org-lakeside', 'pt-1', 'qr-lakeside'],
        ]);
        expect(events[1]).toEqual({
          id: expect.stringMatching(UUID),
          type: 'clinical.answered',
          organizationId: 'org-riverside',
          patientId: 'pt-1',
          occurredAt: '2026-02-02T10:00:00.000Z',
          responseId: 'qr-2',
          questionnaireId: V1.id,
          questionnaire: { url: 'https://carebridge.example/fhir/Questionnaire/fixture-intake', version: '1' },
          answers: [
            {
              linkId: 'q.symptoms',
              category: 'SYMPTOMS',
              value: ['FEVER'],
              display: ['Fever'],
              // The option's coding, as stored with the questionnaire.
              codings: [
                { system: 'http://snomed.info/sct', code: '386661006', display: { en: 'Fever', es: 'Fiebre' } },
              ],
            },
            { linkId: 'q.pain', category: 'SYMPTOMS', value: 4, display: ['4'] },
          ],
        });
        expect(events[2]?.type === 'clinical.answered' && events[2].answers).toEqual([
          {
            linkId: 'q.tobacco',
            category: 'SOCIAL_HISTORY',
            value: ['CURRENT'],
            display: ['Uses tobacco now'],
            // No coding in the questionnaire: the platform's code system.
            codings: [
              {
                system: 'https://carebridge.example/fhir/CodeSystem/answer-option',
                code: 'CURRENT',
                display: { en: 'Uses tobacco now', es: 'Consume tabaco actualmente' },
              },
            ],
          },
        ]);
        await a.outbox.markSent([events[0]!.id, events[1]!.id]);
        expect(answered(await a.outbox.pending(10))).toEqual([['org-lakeside', 'pt-1', 'qr-lakeside']]);
        expect(await a.outbox.size()).toBe(1);
      }));

    it('keep one patient’s events in order when two stores answer for the patient at once', () =>
      withStores(async (a, b) => {
        await a.addQuestionnaireVersion(V1);
        // Response n answers pain n, the later submitted the higher: the latest answer is the highest n.
        await Promise.all(
          [0, 1, 2, 3, 4, 5].map((n) =>
            (n % 2 === 0 ? a : b).addResponse(
              response({
                id: `qr-${n}`,
                submittedAt: `2026-02-01T10:00:0${n}.000Z`,
                answers: [{ linkId: 'q.pain', valueNumber: n }],
              }),
            ),
          ),
        );
        const events = (await a.outbox.pending(10)).flatMap((e) => (e.type === 'clinical.answered' ? [e] : []));
        // In outbox order, each event carries the latest answer among the responses stored up to it:
        // the last event an EHR receives is never older than what an earlier one said.
        let highest = -1;
        const claimed = events.map((event) => {
          highest = Math.max(highest, Number(event.responseId.slice('qr-'.length)));
          return [event.answers[0]?.value, highest];
        });
        expect(claimed.map(([value]) => value)).toEqual(claimed.map(([, latest]) => latest));
        expect(events.map((e) => e.responseId).sort()).toEqual(['qr-0', 'qr-1', 'qr-2', 'qr-3', 'qr-4', 'qr-5']);
      }));
  });

  describe('intake links', () => {
    it('answer once: a second response through a link is refused and stores nothing', () =>
      withStores(async (a, b) => {
        await a.addQuestionnaireVersion(V1);
        expect(await a.isLinkUsed('link-1')).toBe(false);
        await a.addResponse(response({ id: 'qr-first' }), { linkId: 'link-1' });
        expect([await a.isLinkUsed('link-1'), await b.isLinkUsed('link-1'), await b.isLinkUsed('link-2')]).toEqual([
          true,
          true,
          false,
        ]);
        await expect(b.addResponse(response({ id: 'qr-again' }), { linkId: 'link-1' })).rejects.toThrow(
          LinkAlreadyUsedError,
        );
        expect([await a.response('qr-again'), await a.outbox.size()]).toEqual([undefined, 1]);
        // A response without a link, or through another link, is not affected.
        await b.addResponse(response({ id: 'qr-staff' }));
        await b.addResponse(response({ id: 'qr-other-link' }), { linkId: 'link-2' });
        expect(await a.outbox.size()).toBe(3);
      }));

    it('answer once when two stores race the same link: one succeeds, the other is refused', () =>
      withStores(async (a, b) => {
        await a.addQuestionnaireVersion(V1);
        const results = await Promise.allSettled([
          a.addResponse(response({ id: 'qr-from-a' }), { linkId: 'link-raced' }),
          b.addResponse(response({ id: 'qr-from-b' }), { linkId: 'link-raced' }),
        ]);
        const fulfilled = results.filter((r) => r.status === 'fulfilled');
        const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(1);
        expect(rejected[0]).toBeInstanceOf(LinkAlreadyUsedError);
        const stored = await a.responsesOfPatient('pt-1');
        expect(stored).toHaveLength(1);
        expect(answered(await a.outbox.pending(10))).toEqual([['org-riverside', 'pt-1', stored[0]!.id]]);
      }));
  });

  describe('audit records, written with the response', () => {
    it('store a response and its record both or neither: nothing while the record cannot be written', () =>
      withStores(async (a, b, opened) => {
        const audit = await opened();
        await a.addQuestionnaireVersion(V1);
        await audit.break();
        await expect(
          a.addResponse(response({ id: 'qr-refused' }), { linkId: 'link-1', audit: audit.change('response.submit') }),
        ).rejects.toThrow(AuditWriteError);
        expect([await b.response('qr-refused'), await b.isLinkUsed('link-1'), await b.outbox.size()]).toEqual([
          undefined,
          false,
          0,
        ]);
        await audit.heal();
        await a.addResponse(response({ id: 'qr-stored' }), {
          linkId: 'link-1',
          audit: audit.change('response.submit'),
        });
        expect((await b.responsesOfPatient('pt-1')).map((r) => r.id)).toEqual(['qr-stored']);
        expect(answered(await b.outbox.pending(10))).toEqual([['org-riverside', 'pt-1', 'qr-stored']]);
        // A refused response (its link used) writes no record either.
        await expect(
          b.addResponse(response({ id: 'qr-again' }), { linkId: 'link-1', audit: audit.change('response.submit') }),
        ).rejects.toThrow(LinkAlreadyUsedError);
        expect((await audit.records()).map((r) => [r.action, r.outcome, r.patientIds])).toEqual([
          ['response.submit', 'ALLOWED', ['pt-1']],
        ]);
      }));
  });

  describe('deleted patients', () => {
    const DELETION = { patientId: 'pt-1', organizationId: 'org-riverside', deletedAt: '2026-03-01T09:00:00.000Z' };

    it('are erased: responses and undelivered events gone, a tombstone kept, links still used', () =>
      withStores(async (a, b) => {
        await a.addQuestionnaireVersion(V1);
        await a.addResponse(response({ id: 'qr-1' }), { linkId: 'link-1' });
        await b.addResponse(response({ id: 'qr-2', submittedAt: '2026-02-02T10:00:00.000Z' }));
        await a.addResponse(response({ id: 'qr-other', patientId: 'pt-2' }));
        const [first] = await a.outbox.pending(1);
        await a.outbox.markSent([first!.id]);

        expect(await b.erasePatient(DELETION)).toBe(2);
        expect([await a.response('qr-1'), await a.response('qr-2')]).toEqual([undefined, undefined]);
        expect(await a.responsesOfPatient('pt-1')).toEqual([]);
        expect(await a.tombstone('pt-1')).toEqual(DELETION);
        expect(await a.isLinkUsed('link-1')).toBe(true);
        // Another patient is untouched, and only the deleted patient's events are dropped.
        expect((await a.responsesOfPatient('pt-2')).map((r) => r.id)).toEqual(['qr-other']);
        expect(await a.tombstone('pt-2')).toBeUndefined();
        expect(answered(await a.outbox.pending(10))).toEqual([['org-riverside', 'pt-2', 'qr-other']]);
      }));

    it('keep the first deletion’s tombstone when the deletion is delivered again', () =>
      withStores(async (a, b) => {
        await a.addQuestionnaireVersion(V1);
        await a.addResponse(response());
        expect(await a.erasePatient(DELETION)).toBe(1);
        expect(await b.erasePatient({ ...DELETION, deletedAt: '2026-03-02T09:00:00.000Z' })).toBe(0);
        expect(await b.tombstone('pt-1')).toEqual(DELETION);
      }));

    it('get no new response, through a link or not: nothing is stored, no event, the link stays unused', () =>
      withStores(async (a, b) => {
        await a.addQuestionnaireVersion(V1);
        await a.erasePatient(DELETION);
        await expect(b.addResponse(response({ id: 'qr-late' }), { linkId: 'link-late' })).rejects.toThrow(
          PatientDeletedError,
        );
        await expect(a.addResponse(response({ id: 'qr-staff' }))).rejects.toThrow(PatientDeletedError);
        expect([await a.response('qr-late'), await a.response('qr-staff'), await b.isLinkUsed('link-late')]).toEqual([
          undefined,
          undefined,
          false,
        ]);
        expect(await a.outbox.size()).toBe(0);
      }));

    it('leave no answers behind when responses race the erasure in two stores', () =>
      withStores(async (a, b) => {
        await a.addQuestionnaireVersion(V1);
        const results = await Promise.allSettled([
          ...[0, 1, 2, 3].map((n) =>
            a.addResponse(response({ id: `qr-${n}`, submittedAt: `2026-02-01T10:00:0${n}.000Z` })),
          ),
          b.erasePatient(DELETION),
          ...[4, 5, 6, 7].map((n) =>
            a.addResponse(response({ id: `qr-${n}`, submittedAt: `2026-02-01T10:00:0${n}.000Z` })),
          ),
        ]);
        const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
        expect(refused.every((reason) => reason instanceof PatientDeletedError)).toBe(true);
        expect(await b.responsesOfPatient('pt-1')).toEqual([]);
        expect(await a.outbox.size()).toBe(0);
      }));
  });

  describe('the seed', () => {
    const seed = seedData();

    it('loads into an empty store only, without events unless announced', () =>
      withStores(async (a, b) => {
        expect(await a.loadSeed(seed, { announce: false })).toBe(true);
        expect(await b.loadSeed(seed, { announce: true })).toBe(false);
        expect(await a.questionnaires({ includeRetired: true })).toEqual([seed.questionnaire]);
        const patient = seed.responses[0]!.patientId;
        expect(await b.responsesOfPatient(patient)).toEqual(
          seed.responses.filter((r) => r.patientId === patient).reverse(),
        );
        expect(await a.outbox.size()).toBe(0);
      }));

    it('announces, when asked, the latest answers of every seeded patient, oldest first', () =>
      withStores(async (a) => {
        expect(await a.loadSeed(seed, { announce: true })).toBe(true);
        const events = await a.outbox.pending(1_000);
        const patients = new Set(seed.responses.map((r) => r.patientId));
        expect(events.map((e) => e.patientId)).toHaveLength(patients.size);
        expect(new Set(events.map((e) => e.patientId))).toEqual(patients);
        const times = events.map((e) => e.occurredAt);
        expect(times).toEqual([...times].sort());
        // A patient who answered twice is announced with the later response.
        const twice = seed.responses.filter((r, i, all) => all.findIndex((o) => o.patientId === r.patientId) !== i);
        const latest = new Map(events.map((e) => [e.patientId, e.type === 'clinical.answered' ? e.responseId : '']));
        expect(twice.map((r) => latest.get(r.patientId))).toEqual(twice.map((r) => r.id));
      }));

    it('loads once when two stores start at once', () =>
      withStores(async (a, b) => {
        const loaded = await Promise.all([a.loadSeed(seed, { announce: true }), b.loadSeed(seed, { announce: true })]);
        expect(loaded.sort()).toEqual([false, true]);
        expect(await a.questionnaires({ includeRetired: true })).toHaveLength(1);
        expect(await a.outbox.size()).toBe(new Set(seed.responses.map((r) => r.patientId)).size);
      }));
  });
});

describe('the PostgreSQL clinical store across restarts', () => {
  it('keeps a committed response and its undelivered event when closed and reopened', async () => {
    const schema = schemas.schema('restart');
    const first = await openPostgres(schema);
    await first.store.addQuestionnaireVersion(V1);
    const stored = response();
    await first.store.addResponse(stored, { linkId: 'link-1' });
    const [event] = await first.store.outbox.pending(10);
    await first.close();

    const second = await openPostgres(schema);
    try {
      expect(await second.store.response(stored.id)).toEqual(stored);
      expect(await second.store.isLinkUsed('link-1')).toBe(true);
      expect(await second.store.outbox.pending(10)).toEqual([event]);
      await expect(second.store.addResponse(response({ id: 'qr-again' }), { linkId: 'link-1' })).rejects.toThrow(
        LinkAlreadyUsedError,
      );
    } finally {
      await second.close();
    }
  });

  it('keeps a deleted patient’s tombstone when closed and reopened', async () => {
    const schema = schemas.schema('tombstone');
    const first = await openPostgres(schema);
    await first.store.addQuestionnaireVersion(V1);
    const deletion = { patientId: 'pt-1', organizationId: 'org-riverside', deletedAt: '2026-03-01T09:00:00.000Z' };
    await first.store.erasePatient(deletion);
    await first.close();

    const second = await openPostgres(schema);
    try {
      expect(await second.store.tombstone('pt-1')).toEqual(deletion);
      await expect(second.store.addResponse(response())).rejects.toThrow(PatientDeletedError);
    } finally {
      await second.close();
    }
  });

  it('does not seed again, nor announce again, after a restart', async () => {
    const schema = schemas.schema('reseed');
    const seed = seedData();
    const first = await openPostgres(schema);
    expect(await first.store.loadSeed(seed, { announce: true })).toBe(true);
    const announced = await first.store.outbox.size();
    await first.close();

    const second = await openPostgres(schema);
    try {
      expect(await second.store.loadSeed(seed, { announce: true })).toBe(false);
      expect(await second.store.outbox.size()).toBe(announced);
      const patient = seed.responses[0]!.patientId;
      expect(await second.store.responsesOfPatient(patient)).toHaveLength(
        seed.responses.filter((r) => r.patientId === patient).length,
      );
    } finally {
      await second.close();
    }
  });
});
