import { FhirStore } from './fhir/store';
import type { EhrSpec } from './specs';

/**
 * In-memory state of the sandbox, per imitated EHR: its patients (latest demographics and every
 * clinical body received, in order), the responses stored under idempotency keys, and counters;
 * and the FHIR server's resources (`fhir`). Nothing is persisted; `reset()` forgets everything.
 */

export type JsonObject = Record<string, unknown>;

export interface PatientRecord {
  ehrPatientId: string;
  /** The latest demographics body (create, then each full replacement). */
  demographics: JsonObject;
  /** Endpoint path pattern (e.g. `/v1/patients/{ehrPatientId}/allergies`) → bodies, oldest first. */
  clinical: Record<string, JsonObject[]>;
  /** Accepted writes for this patient: its create, updates and clinical posts. */
  writes: number;
}

export interface StoredResponse {
  status: number;
  body: JsonObject;
}

export interface EhrStats {
  patients: number;
  acceptedWrites: number;
  /** Answers 4xx from the EHR API: missing idempotency key, unknown path or patient, 405, 422. */
  rejected: number;
  /** Injected 500s, 503s and lost responses. */
  injectedFailures: number;
  idempotentReplays: number;
}

export type StatsCounter = 'rejected' | 'injectedFailures' | 'idempotentReplays';

interface EhrState {
  spec: EhrSpec;
  nextId: number;
  patients: Map<string, PatientRecord>;
  idempotency: Map<string, StoredResponse>;
  counters: Omit<EhrStats, 'patients'>;
}

const emptyCounters = (): Omit<EhrStats, 'patients'> => ({
  acceptedWrites: 0,
  rejected: 0,
  injectedFailures: 0,
  idempotentReplays: 0,
});

export class UnknownEhrError extends Error {
  override name = 'UnknownEhrError';
}

export class UnknownPatientError extends Error {
  override name = 'UnknownPatientError';
}

export class SandboxStore {
  private readonly ehrs = new Map<string, EhrState>();
  /** The FHIR R4 server's resources; its stats appear under `fhir`. */
  readonly fhir = new FhirStore();

  constructor(specs: readonly EhrSpec[]) {
    for (const spec of specs) {
      this.ehrs.set(spec.id, this.freshState(spec));
    }
  }

  private freshState(spec: EhrSpec): EhrState {
    return { spec, nextId: 1, patients: new Map(), idempotency: new Map(), counters: emptyCounters() };
  }

  private state(ehrId: string): EhrState {
    const state = this.ehrs.get(ehrId);
    if (!state) throw new UnknownEhrError(`Unknown EHR ${ehrId}`);
    return state;
  }

  private patient(ehrId: string, ehrPatientId: string): PatientRecord {
    const patient = this.state(ehrId).patients.get(ehrPatientId);
    if (!patient) throw new UnknownPatientError('Unknown patient');
    return patient;
  }

  ehrIds(): string[] {
    return [...this.ehrs.keys()];
  }

  hasEhr(ehrId: string): boolean {
    return this.ehrs.has(ehrId);
  }

  hasPatient(ehrId: string, ehrPatientId: string): boolean {
    return this.state(ehrId).patients.has(ehrPatientId);
  }

  /** Stores a new patient and answers its id, `<prefix>-000001` style. Counts as one write. */
  createPatient(ehrId: string, demographics: JsonObject): string {
    const state = this.state(ehrId);
    const ehrPatientId = `${state.spec.idPrefix}-${String(state.nextId).padStart(6, '0')}`;
    state.nextId += 1;
    state.patients.set(ehrPatientId, {
      ehrPatientId,
      demographics: structuredClone(demographics),
      clinical: {},
      writes: 1,
    });
    state.counters.acceptedWrites += 1;
    return ehrPatientId;
  }

  replaceDemographics(ehrId: string, ehrPatientId: string, demographics: JsonObject): void {
    const patient = this.patient(ehrId, ehrPatientId);
    patient.demographics = structuredClone(demographics);
    patient.writes += 1;
    this.state(ehrId).counters.acceptedWrites += 1;
  }

  appendClinical(ehrId: string, ehrPatientId: string, endpointPath: string, body: JsonObject): void {
    const patient = this.patient(ehrId, ehrPatientId);
    (patient.clinical[endpointPath] ??= []).push(structuredClone(body));
    patient.writes += 1;
    this.state(ehrId).counters.acceptedWrites += 1;
  }

  /** Copies, so callers cannot change what is stored. */
  getPatient(ehrId: string, ehrPatientId: string): PatientRecord | undefined {
    const patient = this.state(ehrId).patients.get(ehrPatientId);
    return patient ? structuredClone(patient) : undefined;
  }

  listPatients(ehrId: string): PatientRecord[] {
    return [...this.state(ehrId).patients.values()].map((patient) => structuredClone(patient));
  }

  storedResponse(ehrId: string, idempotencyKey: string): StoredResponse | undefined {
    const stored = this.state(ehrId).idempotency.get(idempotencyKey);
    return stored ? structuredClone(stored) : undefined;
  }

  rememberResponse(ehrId: string, idempotencyKey: string, response: StoredResponse): void {
    this.state(ehrId).idempotency.set(idempotencyKey, structuredClone(response));
  }

  count(ehrId: string, counter: StatsCounter): void {
    this.state(ehrId).counters[counter] += 1;
  }

  stats(): Record<string, EhrStats> {
    const result: Record<string, EhrStats> = {};
    for (const [id, state] of this.ehrs) {
      result[id] = { patients: state.patients.size, ...state.counters };
    }
    result['fhir'] = this.fhir.stats();
    return result;
  }

  /** Forgets patients, idempotency keys and counters of every EHR and the FHIR resources; ids start again at 000001. */
  reset(): void {
    this.fhir.reset();
    for (const [id, state] of this.ehrs) {
      this.ehrs.set(id, this.freshState(state.spec));
    }
  }
}
