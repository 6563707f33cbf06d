import { badUserInput, type FieldProblem, notFound, versionConflict } from '@carebridge/common';
import { mrnKey } from './mrn-index';
import type { NewPatient, PatientPatch, PatientRecord } from './records';

/** What a change of patients checks before it changes anything, the same for every store. */

/** One patient of a change, with the version the change was made against. */
export interface VersionedId {
  id: string;
  expectedVersion: number;
}

export const MRN_TAKEN = 'is already used by another patient of the organization';
/** The problem code of an MRN held by another patient of the organization (clients word it themselves). */
export const MRN_TAKEN_CODE = 'MRN_TAKEN';
/** The field problem of a taken MRN at `field`. */
export const mrnTaken = (field: string) => ({ field, message: MRN_TAKEN, code: MRN_TAKEN_CODE });

/**
 * The set of given MRNs of a `create` (their `mrnKey`s); BAD_USER_INPUT naming each input whose MRN
 * is held already or given twice. Every given MRN is checked before any is generated, so generated
 * ones cannot collide with them.
 */
export function refuseTakenMrns(
  inputs: readonly NewPatient[],
  mrnHolder: (organizationId: string, mrn: string) => string | undefined,
): Set<string> {
  const reserved = new Set<string>();
  const conflicts: FieldProblem[] = [];
  inputs.forEach((input, i) => {
    if (input.mrn === null) return;
    const key = mrnKey(input.organizationId, input.mrn);
    if (mrnHolder(input.organizationId, input.mrn) !== undefined || reserved.has(key)) {
      conflicts.push(mrnTaken(`inputs[${i}].mrn`));
    }
    reserved.add(key);
  });
  if (conflicts.length > 0) throw badUserInput(conflicts);
  return reserved;
}

/** One patient of an `updateMany`: as it is, and as it will be (the same record when unchanged). */
export interface ChangeStep {
  current: PatientRecord;
  next: PatientRecord;
}

/**
 * The checks of `updateMany`, in the order of `targets`, before anything changes (so a refused
 * patient leaves all of them as they were): NOT_FOUND, VERSION_CONFLICT, or BAD_USER_INPUT for an
 * MRN another patient holds; then each patient's next record.
 */
export function planChange(
  targets: readonly VersionedId[],
  patch: PatientPatch,
  updatedAt: string,
  lookup: {
    current: (id: string) => PatientRecord | undefined;
    mrnHolder: (organizationId: string, mrn: string) => string | undefined;
  },
): ChangeStep[] {
  const mrnHolders = new Map<string, string>();
  const seen = new Set<string>();
  return targets.map(({ id, expectedVersion }) => {
    if (seen.has(id)) throw new Error(`updateMany: patient ${id} is listed twice`);
    seen.add(id);
    const current = lookup.current(id);
    if (current === undefined) throw notFound('Patient', id);
    if (current.version !== expectedVersion) throw versionConflict('Patient', id, expectedVersion, current.version);
    // Saving an unchanged form is not a change: no new version for other editors to trip over.
    const next: PatientRecord = isChangedBy(current, patch)
      ? { ...current, ...patch, version: current.version + 1, updatedAt }
      : current;
    const key = mrnKey(next.organizationId, next.mrn);
    const holder = mrnHolders.get(key) ?? lookup.mrnHolder(next.organizationId, next.mrn);
    if (holder !== undefined && holder !== id) throw badUserInput([mrnTaken('mrn')]);
    mrnHolders.set(key, id);
    return { current, next };
  });
}

/** Whether `patch` changes anything of `record`: only then is there a new version and an event. */
export function isChangedBy(record: PatientRecord, patch: PatientPatch): boolean {
  return (Object.keys(patch) as (keyof PatientPatch)[]).some(
    (field) => JSON.stringify(patch[field]) !== JSON.stringify(record[field]),
  );
}
