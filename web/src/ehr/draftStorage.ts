import type { Draft, DraftRow } from './draft';

/**
 * Unpublished drafts kept in the browser (`localStorage`), one per organization and EHR system, with
 * the version each was started from: a draft survives leaving the page and reloading it. A draft
 * started from an older version than the one now published comes back stale, and the workspace
 * offers its usual choices (see `StaleDraft`). Publishing or discarding removes it.
 *
 * Only configuration is kept (sources, endpoints, keys, code tables, the note), never patient data.
 */
const PREFIX = 'carebridge.mappingDraft';

function key(organizationId: string, systemId: string): string {
  return `${PREFIX}.${organizationId}.${systemId}`;
}

const isString = (value: unknown): value is string => typeof value === 'string';

function isRow(value: unknown): value is DraftRow {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  return (
    ['id', 'source', 'endpoint', 'target', 'dateFormat', 'codes'].every((field) => isString(row[field])) &&
    (row['transformKind'] === '' || row['transformKind'] === 'DATE_FORMAT' || row['transformKind'] === 'CODE_TABLE')
  );
}

/** The stored draft, or undefined (none, or one that cannot be read: it is then forgotten). */
export function loadDraft(organizationId: string, systemId: string): Draft | undefined {
  let text: string | null;
  try {
    text = window.localStorage.getItem(key(organizationId, systemId));
  } catch {
    return undefined;
  }
  if (text === null) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Draft>;
    if (Number.isInteger(value.baseVersion) && isString(value.note) && Array.isArray(value.rows)) {
      if (value.rows.every(isRow)) return { baseVersion: value.baseVersion!, note: value.note, rows: value.rows };
    }
  } catch {
    // Not JSON: forgotten below.
  }
  saveDraft(organizationId, systemId, undefined);
  return undefined;
}

/** Keeps `draft`, or forgets the stored one (undefined). A browser that refuses storage keeps it for the page only. */
export function saveDraft(organizationId: string, systemId: string, draft: Draft | undefined): void {
  try {
    if (draft) window.localStorage.setItem(key(organizationId, systemId), JSON.stringify(draft));
    else window.localStorage.removeItem(key(organizationId, systemId));
  } catch {
    // Storage full or disabled: the draft still lives with the page.
  }
}
