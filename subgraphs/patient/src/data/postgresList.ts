import { badUserInput } from '@carebridge/common';
import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { PatientTables } from './database';
import type { PatientListFilter } from './patient-store';
import { searchWords } from './text';

/** The patient list's queries on PostgreSQL: `PostgresPatientStore.list` and `listAll` run them. */

type Db = Kysely<PatientTables>;
type PatientRow = Selectable<PatientTables['patient']>;

export interface OrganizationSearch {
  organizationId: string;
  /** The search's words, folded (`searchWords`); at least one. */
  words: readonly string[];
  primaryCarePhysicianId?: string | null | undefined;
  /** The sort key after which the page starts: last name, first name, id (folded). */
  after?: readonly [string, string, string] | undefined;
  /** Rows to read: the page and one more, to tell whether another follows. */
  limit: number;
}

/**
 * A search page within one organization, and the search's total, in one statement (one snapshot,
 * so they agree), from the token index per organization (migration 0002): the patients whose
 * tokens start with every word are that organization's token rows of each word, intersected; they
 * are counted and ordered from those rows alone, and only the page's patients are read. Without
 * it, PostgreSQL walks the whole organization in list order to find a page of a common name.
 */
export async function searchOrganization(
  db: Db,
  search: OrganizationSearch,
): Promise<{ rows: PatientRow[]; total: number }> {
  const { organizationId, primaryCarePhysicianId, after } = search;
  const ofWord = (word: string, i: number) => sql`
    SELECT DISTINCT patient_id AS id, sort_last, sort_first FROM patient_search_token
    WHERE organization_id = ${organizationId} AND token LIKE ${`${escapeLike(word)}%`}
    ${
      i === 0 && primaryCarePhysicianId != null
        ? sql`AND patient_id IN (SELECT id FROM patient WHERE primary_care_physician_id = ${primaryCarePhysicianId})`
        : sql``
    }`;
  const matches = sql.join(search.words.map(ofWord), sql` INTERSECT `);
  const { rows } = await sql<Partial<PatientRow> & { total: number }>`
    WITH matches AS MATERIALIZED (${matches})
    SELECT p.*, c.total FROM (SELECT count(*) AS total FROM matches) c
    LEFT JOIN LATERAL (
      SELECT patient.* FROM (
        SELECT id, sort_last, sort_first FROM matches
        ${after === undefined ? sql`` : sql`WHERE (sort_last, sort_first, id) > (${after[0]}, ${after[1]}, ${after[2]})`}
        ORDER BY sort_last, sort_first, id LIMIT ${search.limit}
      ) k JOIN patient ON patient.id = k.id
    ) p ON true
    ORDER BY p.sort_last, p.sort_first, p.id
  `.execute(db);
  return {
    rows: rows.flatMap((row) => (row.id == null ? [] : [row as PatientRow])),
    total: Number(rows[0]?.total ?? 0),
  };
}

/** `text` with LIKE's wildcards and escape character escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Up to `limit` rows `filter` selects after the cursor, in list order, and how many it selects. */
export async function listRows(
  db: Db,
  filter: PatientListFilter,
  after: readonly [string, string, string] | undefined,
  limit: number,
): Promise<{ rows: PatientRow[]; total: number }> {
  const matches = matching(filter);
  let page = db.selectFrom('patient').selectAll().where(matches);
  if (after !== undefined) {
    page = page.where((eb) => eb(eb.refTuple('sort_last', 'sort_first', 'id'), '>', eb.tuple(...after)));
  }
  // The count and the page in one statement: one snapshot, so the total and the page agree.
  const rows = await db
    .selectFrom(
      db
        .selectFrom('patient')
        .where(matches)
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .as('c'),
    )
    .leftJoinLateral(inListOrder(page).limit(limit).as('p'), (join) => join.onTrue())
    .selectAll('p')
    .select('c.total')
    .execute();
  return {
    rows: rows.flatMap((row) => (row.id === null ? [] : [row as PatientRow])),
    total: Number(rows[0]?.total ?? 0),
  };
}

/** The rows `filter` selects, as the in-memory store's indexes select them. */
export function matching(filter: PatientListFilter) {
  const { organizationId, primaryCarePhysicianId } = filter;
  const words = searchWords(filter.search);
  return (eb: ExpressionBuilder<PatientTables, 'patient'>) =>
    eb.and([
      ...(organizationId == null ? [] : [eb('patient.organization_id', '=', organizationId)]),
      ...(primaryCarePhysicianId == null ? [] : [eb('patient.primary_care_physician_id', '=', primaryCarePhysicianId)]),
      // Every word starts one of the patient's tokens (a range of the token index each).
      ...words.map((word) =>
        eb(
          'patient.id',
          'in',
          eb
            .selectFrom('patient_search_token')
            .select('patient_search_token.patient_id')
            .where('patient_search_token.token', 'like', `${escapeLike(word)}%`),
        ),
      ),
    ]);
}

export function inListOrder<Q extends { orderBy(column: 'sort_last' | 'sort_first' | 'id'): Q }>(query: Q): Q {
  return query.orderBy('sort_last').orderBy('sort_first').orderBy('id');
}

/** A cursor as the sort key it was made from: three strings; anything else was not one of this API's. */
export function cursorKey(after: readonly unknown[]): [string, string, string] {
  const [last, first, id, ...rest] = after;
  if (typeof last !== 'string' || typeof first !== 'string' || typeof id !== 'string' || rest.length > 0) {
    throw badUserInput([{ field: 'after', message: 'is not a cursor returned by this API' }]);
  }
  return [last, first, id];
}
