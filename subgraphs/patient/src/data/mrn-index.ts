import { mrnPrefix } from './organizations';
import type { PatientRecord } from './records';

/** The unique-index key of an MRN: per organization, case-insensitive. */
export const mrnKey = (organizationId: string, mrn: string): string => `${organizationId}\u0000${mrn.toUpperCase()}`;

type MrnHolder = Pick<PatientRecord, 'id' | 'organizationId' | 'mrn'>;

/** The generated MRN number `n` of an organization, e.g. RH-000241. */
export const generatedMrn = (organizationId: string, n: number): string =>
  `${mrnPrefix(organizationId)}-${String(n).padStart(6, '0')}`;

/**
 * The number of an MRN written in the organization's generated format (any case, any width), or
 * undefined: the generator stays above every such number, so it never proposes a taken MRN.
 */
export function generatedMrnNumber(organizationId: string, mrn: string): number | undefined {
  const match = /^([A-Z]+)-(\d+)$/.exec(mrn.toUpperCase());
  return match?.[1] === mrnPrefix(organizationId) ? Number(match[2]) : undefined;
}

/** The unique (organization, MRN) index, and the generator of MRNs for patients registered without one. */
export class MrnIndex {
  private readonly holders = new Map<string, string>();
  /** Next generated number per organization; only grows, so a deleted patient's MRN is never reused. */
  private readonly nextNumber = new Map<string, number>();

  holderOf(organizationId: string, mrn: string): string | undefined {
    return this.holders.get(mrnKey(organizationId, mrn));
  }

  add(patient: MrnHolder): void {
    this.holders.set(mrnKey(patient.organizationId, patient.mrn), patient.id);
    const number = generatedMrnNumber(patient.organizationId, patient.mrn);
    if (number === undefined) return;
    const n = number + 1;
    if (n > (this.nextNumber.get(patient.organizationId) ?? 1)) this.nextNumber.set(patient.organizationId, n);
  }

  remove(patient: MrnHolder): void {
    this.holders.delete(mrnKey(patient.organizationId, patient.mrn));
  }

  /**
   * A new MRN such as RH-000241, neither held nor among the `reserved` keys of the current batch.
   * The generator itself moves on only when a patient holding it is added (`add`): `batch` keeps
   * the next number per organization meanwhile, so a batch that is not stored changes nothing.
   */
  generate(organizationId: string, reserved: ReadonlySet<string>, batch: Map<string, number>): string {
    let n = batch.get(organizationId) ?? this.nextNumber.get(organizationId) ?? 1;
    let mrn: string;
    do {
      mrn = generatedMrn(organizationId, n++);
    } while (this.holders.has(mrnKey(organizationId, mrn)) || reserved.has(mrnKey(organizationId, mrn)));
    batch.set(organizationId, n);
    return mrn;
  }
}
