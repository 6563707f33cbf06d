import { versionConflict } from '@carebridge/common';
import type { TransformKind } from '../__generated__/schema-types';
import type { FieldMappingRecord, MappingVersionRecord } from '../data/records';
import type { EhrStore } from '../data/store';

/** A mapping entry as submitted (the GraphQL input) or stored: what `publish` accepts. */
export interface FieldMappingLike {
  source: string;
  target: string;
  endpoint: string;
  transform?: {
    kind: TransformKind;
    dateFormat?: string | null;
    codes?: readonly { from: string; to: string }[] | null;
  } | null;
}

/** What a publication records besides the fields. */
export interface PublishMeta {
  publishedBy: string;
  note: string | null;
  restoredFrom: number | null;
}

/**
 * Where mapping versions live. Each EHR system has the platform's line of versions; an
 * organization that publishes gets its own line for that system, so one hospital's ADMIN never
 * changes what another hospital sends. Versions are immutable: history is never rewritten.
 */
export interface MappingStore {
  /** The version in force for the organization: its own latest, else the platform's latest. */
  current(ehrSystemId: string, organizationId: string): Promise<MappingVersionRecord>;
  /** Every version the organization sees for the system, newest first. */
  history(ehrSystemId: string, organizationId: string): Promise<MappingVersionRecord[]>;
  /** One version of the organization's line, or undefined when there is none with that number. */
  version(ehrSystemId: string, organizationId: string, version: number): Promise<MappingVersionRecord | undefined>;
  /**
   * Appends a new version to the organization's line (created on first publication) and answers it.
   * With `expectedVersion`, only when that is still the current version: VERSION_CONFLICT otherwise,
   * checked and appended in one step so two publications from the same version cannot both succeed.
   */
  publish(
    ehrSystemId: string,
    organizationId: string,
    fields: readonly FieldMappingLike[],
    meta: PublishMeta,
    expectedVersion?: number | null,
  ): Promise<MappingVersionRecord>;
}

/**
 * VERSION_CONFLICT unless `expectedVersion` (when given) is `current`'s version: the caller read an
 * earlier version, and someone else has published since. The message names versions only.
 */
export function requireCurrentVersion(
  ehrSystemId: string,
  current: Pick<MappingVersionRecord, 'version'>,
  expectedVersion: number | null | undefined,
): void {
  if (expectedVersion != null && expectedVersion !== current.version) {
    throw versionConflict('EhrMapping', ehrSystemId, expectedVersion, current.version);
  }
}

/**
 * The in-memory mapping store. The platform's versions are read from the EHR store on every call
 * (`EhrSystemRecord.mappings`), so a system added later, by `createEhrSystem`, needs no extra step.
 */
export class InMemoryMappingStore implements MappingStore {
  /** Organization lines, keyed by `${ehrSystemId} ${organizationId}`, oldest first. */
  private readonly lines = new Map<string, MappingVersionRecord[]>();

  constructor(
    private readonly ehr: Pick<EhrStore, 'ehrSystem'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async platform(ehrSystemId: string): Promise<readonly MappingVersionRecord[]> {
    return (await this.ehr.ehrSystem(ehrSystemId))?.mappings ?? [];
  }

  /** The organization's line: its own once it has published, the platform's until then. */
  private async line(ehrSystemId: string, organizationId: string): Promise<readonly MappingVersionRecord[]> {
    const platform = await this.platform(ehrSystemId);
    return this.lines.get(lineKey(ehrSystemId, organizationId)) ?? platform;
  }

  async current(ehrSystemId: string, organizationId: string): Promise<MappingVersionRecord> {
    const current = (await this.line(ehrSystemId, organizationId)).at(-1);
    // Every known system is created with a first version; reaching this is a data error.
    if (!current) throw new Error(`EHR system ${ehrSystemId} has no mapping`);
    return current;
  }

  async history(ehrSystemId: string, organizationId: string): Promise<MappingVersionRecord[]> {
    return [...(await this.line(ehrSystemId, organizationId))].reverse();
  }

  async version(
    ehrSystemId: string,
    organizationId: string,
    version: number,
  ): Promise<MappingVersionRecord | undefined> {
    return (await this.line(ehrSystemId, organizationId)).find((v) => v.version === version);
  }

  async publish(
    ehrSystemId: string,
    organizationId: string,
    fields: readonly FieldMappingLike[],
    meta: PublishMeta,
    expectedVersion?: number | null,
  ): Promise<MappingVersionRecord> {
    const platform = await this.platform(ehrSystemId);
    if (platform.length === 0) throw new Error(`unknown EHR system ${ehrSystemId}`);
    // From here to the append nothing awaits, so the check and the append are one step.
    const key = lineKey(ehrSystemId, organizationId);
    // The organization's line starts as a copy of the platform's, so its history reads as one
    // story and its numbering continues from the platform's latest version.
    const line = this.lines.get(key) ?? [...platform];
    const latest = line.at(-1);
    if (latest) requireCurrentVersion(ehrSystemId, latest, expectedVersion);
    const record: MappingVersionRecord = {
      version: (line.at(-1)?.version ?? 0) + 1,
      publishedAt: this.now().toISOString(),
      publishedBy: meta.publishedBy,
      note: meta.note,
      restoredFrom: meta.restoredFrom,
      fields: fields.map(copyField),
    };
    this.lines.set(key, [...line, record]);
    return record;
  }
}

function lineKey(ehrSystemId: string, organizationId: string): string {
  return `${ehrSystemId} ${organizationId}`;
}

/**
 * A deep copy as a stored record (absent transform parts left out), so no caller can change a
 * published version through an object it still holds.
 */
export function copyField(field: FieldMappingLike): FieldMappingRecord {
  const { transform } = field;
  return {
    source: field.source,
    target: field.target,
    endpoint: field.endpoint,
    ...(transform
      ? {
          transform: {
            kind: transform.kind,
            ...(transform.dateFormat != null ? { dateFormat: transform.dateFormat } : {}),
            ...(transform.codes != null ? { codes: transform.codes.map((c) => ({ from: c.from, to: c.to })) } : {}),
          },
        }
      : {}),
  };
}
