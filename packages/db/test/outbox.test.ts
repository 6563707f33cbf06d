import type { ChangeEvent } from '@carebridge/common';
import { silentLogger, withSpan } from '@carebridge/common';
import { startTestTracing } from '@carebridge/common/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  appendToOutbox,
  openDatabase,
  OUTBOX_MIGRATION_NAME,
  outboxMigration,
  PostgresOutbox,
  type Database,
  type OutboxTable,
} from '../src';
import { testSchemas } from '../src/testing';

const schemas = testSchemas('outbox');
const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const item of opened.reverse()) await item.close();
  await schemas.drop();
});

async function open(schema: string): Promise<Database<OutboxTable>> {
  const database = await openDatabase<OutboxTable>({
    url: schemas.url,
    schema,
    migrations: { [OUTBOX_MIGRATION_NAME]: outboxMigration },
  });
  opened.push(database);
  return database;
}

function outbox(database: Database<OutboxTable>): PostgresOutbox {
  const result = new PostgresOutbox({ database, logger: silentLogger });
  opened.push(result);
  return result;
}

const event = (id: string): ChangeEvent => ({
  id,
  type: 'patient.deleted',
  organizationId: 'org-1',
  patientId: 'pt-1',
  occurredAt: '2026-12-02T00:00:00.000Z',
});

describe('PostgresOutbox', () => {
  it('keeps events of a committed transaction, oldest first, and none of a rolled-back one', async () => {
    const schema = schemas.schema('commit');
    const database = await open(schema);
    await database.db.transaction().execute((tx) => appendToOutbox(tx, schema, [event('e1'), event('e2')]));
    await database.db
      .transaction()
      .execute(async (tx) => {
        await appendToOutbox(tx, schema, [event('lost')]);
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    await database.db.transaction().execute((tx) => appendToOutbox(tx, schema, [event('e3')]));

    const relay = outbox(database);
    expect((await relay.pending(10)).map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    expect(await relay.pending(10)).toEqual([event('e1'), event('e2'), event('e3')]);
    await relay.markSent(['e1', 'e2']);
    expect((await relay.pending(10)).map((e) => e.id)).toEqual(['e3']);
    expect(await relay.size()).toBe(1);
  });

  it('records the trace of the change with its event, and reads events recorded without one as they were', async () => {
    const schema = schemas.schema('trace');
    const database = await open(schema);
    await database.db.transaction().execute((tx) => appendToOutbox(tx, schema, [event('old')]));
    const tracing = startTestTracing();
    try {
      const change = await withSpan('change', {}, async (span) => {
        await database.db.transaction().execute((tx) => appendToOutbox(tx, schema, [event('traced')]));
        return span!.spanContext();
      });
      const [old, traced] = await outbox(database).pending(10);
      expect(old).toEqual(event('old'));
      expect(traced).toEqual({ ...event('traced'), traceparent: `00-${change.traceId}-${change.spanId}-01` });
    } finally {
      await tracing.stop();
    }
  });

  it('lets one replica relay at a time, and another take over when it stops', async () => {
    const schema = schemas.schema('lead');
    const a = outbox(await open(schema));
    const b = outbox(await open(schema));
    const database = await open(schema);
    await database.db.transaction().execute((tx) => appendToOutbox(tx, schema, [event('x1')]));

    expect((await a.pending(10)).map((e) => e.id)).toEqual(['x1']);
    expect(await b.pending(10)).toEqual([]);
    await a.close();
    expect((await b.pending(10)).map((e) => e.id)).toEqual(['x1']);
    expect(await a.pending(10)).toEqual([]);
  });

  it('wakes the relaying replica when another replica commits events', async () => {
    const schema = schemas.schema('wake');
    const relay = outbox(await open(schema));
    await relay.pending(1);
    const woken = new Promise<void>((resolve) => relay.subscribe(resolve));
    const writer = await open(schema);
    await writer.db.transaction().execute((tx) => appendToOutbox(tx, schema, [event('w1')]));
    await expect(woken).resolves.toBeUndefined();
  });
});
