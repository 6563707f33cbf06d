import type { ChangeKind } from '../__generated__/schema-types';
import type { FieldMappingRecord, ValueTransformRecord } from '../data/records';

export interface FieldMappingChangeRecord {
  kind: ChangeKind;
  source: string;
  before: FieldMappingRecord | null;
  after: FieldMappingRecord | null;
}

/** A transform as comparable text: absent parts and `null` count the same. */
function transformKey(transform: ValueTransformRecord | null | undefined): string {
  if (!transform) return '';
  return JSON.stringify([
    transform.kind,
    transform.dateFormat ?? null,
    (transform.codes ?? null)?.map((c) => [c.from, c.to]) ?? null,
  ]);
}

function same(a: FieldMappingRecord, b: FieldMappingRecord): boolean {
  return a.target === b.target && a.endpoint === b.endpoint && transformKey(a.transform) === transformKey(b.transform);
}

/**
 * Pairs the entries of two versions, tightest match first: the same source, endpoint and target
 * (unchanged, or only the transform changed); then the same source and endpoint (renamed target);
 * then the same source alone (moved to another endpoint). So a renamed or moved entry reads as one
 * CHANGED row rather than a REMOVED and an ADDED one, while a source sent to several endpoints
 * still pairs each of its entries with its own counterpart.
 */
export function diffMappings(
  before: readonly FieldMappingRecord[],
  after: readonly FieldMappingRecord[],
): FieldMappingChangeRecord[] {
  const left = [...before];
  const right = [...after];
  const pairs: [FieldMappingRecord, FieldMappingRecord][] = [];
  const passes: ((a: FieldMappingRecord, b: FieldMappingRecord) => boolean)[] = [
    (a, b) => a.source === b.source && a.endpoint === b.endpoint && a.target === b.target,
    (a, b) => a.source === b.source && a.endpoint === b.endpoint,
    (a, b) => a.source === b.source,
  ];
  for (const matches of passes) {
    for (let i = 0; i < left.length;) {
      const a = left[i]!;
      const j = right.findIndex((b) => matches(a, b));
      if (j === -1) {
        i++;
        continue;
      }
      pairs.push([a, right[j]!]);
      left.splice(i, 1);
      right.splice(j, 1);
    }
  }
  const changes: FieldMappingChangeRecord[] = [
    ...pairs.filter(([a, b]) => !same(a, b)).map(([a, b]) => change('CHANGED', a, b)),
    ...left.map((a) => change('REMOVED', a, null)),
    ...right.map((b) => change('ADDED', null, b)),
  ];
  return changes.sort(compareChanges);
}

function change(
  kind: ChangeKind,
  before: FieldMappingRecord | null,
  after: FieldMappingRecord | null,
): FieldMappingChangeRecord {
  return { kind, source: (before ?? after)!.source, before, after };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** By source, then endpoint, then target: a stable order for the same two versions. */
function compareChanges(a: FieldMappingChangeRecord, b: FieldMappingChangeRecord): number {
  const ea = (a.before ?? a.after)!;
  const eb = (b.before ?? b.after)!;
  return compareText(a.source, b.source) || compareText(ea.endpoint, eb.endpoint) || compareText(ea.target, eb.target);
}
