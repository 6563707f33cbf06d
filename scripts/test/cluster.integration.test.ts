import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../lib/cluster';
import { graphql, login } from '../lib/stack';
import { report, runStress, type StressSettings } from '../lib/stress';
import { acceptedWrites, durableEnv, settled, waitFor, type DurableEnv } from './support/durability';

/**
 * The cluster (two gateways, two replicas of each subgraph, HAProxy in front, one PostgreSQL and
 * one Redis) keeps its promises while replicas die: requests are routed around a replica killed
 * with SIGKILL, and under the stress mix, with one replica of each subgraph and one gateway
 * killed, no acknowledged write is lost and every change reaches the EHR exactly once.
 */

const LIST = '{ patients(first: 5) { totalCount nodes { id clinicalHistory { allergies } ehrSystem { name } } } }';
const VERSION = 'query ($id: ID!) { patient(id: $id) { id version } }';
const VICTIMS = ['patient-1', 'clinical-1', 'ehr-1', 'gateway-1'];
const SETTINGS: StressSettings = { rps: 12, seconds: 20, concurrency: 32, timeoutMs: 15_000 };

describe('the cluster behind HAProxy', () => {
  let durable: DurableEnv;
  let cluster: RunningCluster;
  beforeAll(async () => {
    durable = await durableEnv('cluster');
    cluster = await startCluster({
      env: { ...durable.env, HAPROXY_STATS_PORT: '0' },
      onLine: () => {},
      onNotice: () => {},
      readyTimeoutMs: 60_000,
    });
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    await durable?.close();
  });

  const restartVictims = async (): Promise<void> => {
    for (const name of VICTIMS) await cluster.restart(name);
    await waitFor(
      'every replica back in rotation',
      () => fetch(cluster.gatewayUrl.replace('/graphql', '/health/ready')).then((r) => r.status),
      (status) => status === 200,
    );
  };

  it('routes reads around a replica of each service killed with SIGKILL', async () => {
    const token = await login(cluster.gatewayUrl, 'clinician@riverside.test');
    await Promise.all(VICTIMS.map((name) => cluster.kill(name, 'SIGKILL')));
    // Connection failures to the dead replicas are retried on the live ones (before any byte of
    // the request was sent), and the health checks take them out of rotation within seconds.
    const results = [];
    for (let i = 0; i < 20; i++) results.push(await graphql(cluster.gatewayUrl, token, LIST));
    const failed = results.filter((r) => r.status !== 200 || r.errors?.length);
    expect(failed.map((r) => [r.status, r.errors?.[0]?.extensions?.['code']])).toEqual([]);
    await restartVictims();
  }, 120_000);

  it('loses no acknowledged write and delivers every change exactly once while replicas are killed under load', async () => {
    let killedAt: number | undefined;
    const result = await runStress(
      {
        gatewayUrl: cluster.gatewayUrl,
        onTick: (_, elapsedMs) => {
          if (killedAt === undefined && elapsedMs > 7_000) {
            killedAt = elapsedMs;
            for (const name of VICTIMS) void cluster.kill(name, 'SIGKILL');
          }
        },
      },
      SETTINGS,
    );
    report(result.outcomes, result.elapsedMs, SETTINGS);
    const failed = result.outcomes.filter((o) => !o.ok);
    // Failures are allowed around the kill (a request in flight at a killed replica), but counted.
    console.log(
      `cluster: ${failed.length} of ${result.outcomes.length} requests failed; replicas killed at ${killedAt} ms`,
    );
    expect(killedAt).toBeDefined();
    expect(result.acknowledged.length).toBeGreaterThan(10);
    expect(failed.length).toBeLessThan(result.outcomes.length / 4);

    // Every acknowledged write is there, at its version or a later one.
    const tokens = Object.fromEntries(result.tenants.map((t) => [t.email, t.token]));
    const latest = new Map<string, { tenant: string; version: number }>();
    for (const write of result.acknowledged) {
      const seen = latest.get(write.patientId);
      if (!seen || seen.version < write.version) latest.set(write.patientId, write);
    }
    const versions = new Map<string, number>();
    for (const [id, { tenant, version }] of latest) {
      const read = await graphql<{ patient: { version: number } | null }>(
        cluster.gatewayUrl,
        tokens[tenant]!,
        VERSION,
        { id },
      );
      expect([id, read.errors, (read.data?.patient?.version ?? 0) >= version]).toEqual([id, undefined, true]);
      versions.set(id, read.data!.patient!.version);
    }

    // Every change delivered exactly once: each version of a patient made one demographics
    // transaction, the queue drained, and the EHR accepted one write per DELIVERED transaction.
    // Each patient written to has at least one transaction once its events are relayed.
    const counts = await settled(durable, { atLeast: latest.size, timeoutMs: 120_000 });
    const rows = await durable.query<{ patient_id: string; organization_id: string; n: string }>(
      "SELECT patient_id, organization_id, count(*) AS n FROM $schema.ehr_transaction WHERE trigger IN ('PATIENT_CREATED', 'PATIENT_UPDATED') GROUP BY patient_id, organization_id",
    );
    const byOrganization: Record<string, string> = {
      'org-riverside': tokens['clinician@riverside.test']!,
      'org-lakeside': tokens['clinician@lakeside.test']!,
    };
    let changes = 0;
    for (const row of rows) {
      // Patients whose creation failed to answer but was applied count too: read their version.
      const version =
        versions.get(row.patient_id) ??
        (
          await graphql<{ patient: { version: number } | null }>(
            cluster.gatewayUrl,
            byOrganization[row.organization_id]!,
            VERSION,
            { id: row.patient_id },
          )
        ).data?.patient?.version;
      expect([row.patient_id, Number(row.n)]).toEqual([row.patient_id, version]);
      changes += Number(row.n);
    }
    for (const id of latest.keys()) expect(rows.map((row) => row.patient_id)).toContain(id);
    expect(changes).toBe(counts['DELIVERED']! + counts['PENDING']! + counts['FAILED']! + counts['DEAD']!);
    expect(acceptedWrites(durable.sandbox)).toBe(counts['DELIVERED']);
    const ehrPatients = Object.values(durable.sandbox.store.stats()).reduce((n, s) => n + s.patients, 0);
    expect(ehrPatients).toBe(rows.length - (counts['DEAD'] ?? 0));
  }, 300_000);
});
