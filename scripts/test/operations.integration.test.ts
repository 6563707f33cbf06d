import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, startStack, type RunningStack } from '../lib/stack';

/**
 * The operational contract of the running stack (`scripts/start.ts` on free ports): health
 * endpoints on every service, one request id in every service's access log, and a subgraph that
 * is stopped with SIGTERM in the middle of a mutation neither loses nor half-applies it.
 */

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it answers true or `timeoutMs` passes; answers the last result. */
async function eventually(probe: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > deadline) return false;
    await sleep(200);
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const GRAPH_SERVICES = ['gateway', 'patient', 'clinical', 'ehr'] as const;

describe('the running stack', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    expect(await stack.stop()).toBe(0);
  });

  it('answers liveness and readiness on every service, and /health as before', async () => {
    for (const name of GRAPH_SERVICES) {
      const base = stack.services[name]!.url.replace('/graphql', '');
      for (const path of ['/health', '/health/live']) {
        const response = await fetch(base + path);
        expect([name, path, response.status, await response.json()]).toEqual([name, path, 200, { status: 'ok' }]);
      }
      const ready = await fetch(`${base}/health/ready`);
      expect([name, ready.status]).toEqual([name, 200]);
      expect(stack.services[name]!.pid).toBeGreaterThan(0);
    }
  });

  it('logs one request id in the gateway and in every subgraph that served the request', async () => {
    const token = await stack.login('clinician@riverside.test');
    const requestId = `ops-${randomBytes(6).toString('hex')}`;
    const result = await graphql<{ patients: { nodes: unknown[] } }>(
      stack.gatewayUrl,
      token,
      '{ patients(first: 2) { nodes { id clinicalHistory { allergies } ehrSystem { name } } } }',
      {},
      { headers: { 'x-request-id': requestId } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.patients.nodes).toHaveLength(2);

    const served = (): string[] =>
      stack.logs
        .filter((line) => line['event'] === 'http.request' && line['requestId'] === requestId)
        .map((line) => String(line['service']));
    await eventually(() => GRAPH_SERVICES.every((name) => served().includes(name)), 5_000);
    expect([...new Set(served())].sort()).toEqual([...GRAPH_SERVICES].sort());
    const lines = stack.logs.filter((line) => line['requestId'] === requestId && line['event'] === 'http.request');
    for (const line of lines) {
      expect(line).toMatchObject({ method: 'POST', path: '/graphql', status: 200 });
      // Nothing of the request itself: no query, variables or headers.
      expect(Object.keys(line).sort()).toEqual(
        ['durationMs', 'event', 'level', 'method', 'path', 'requestId', 'service', 'status', 'time'].sort(),
      );
    }
  });

  it('drains a subgraph stopped with SIGTERM during a mutation: applied whole or not at all, and the rest keeps answering', async () => {
    const token = await stack.login('clinician@lakeside.test');
    const patient = stack.services['patient']!;
    const lastName = `Drain${randomBytes(4).toString('hex').replace(/\d/g, 'q')}`;
    const count = 50;
    const inputs = Array.from({ length: count }, (_, i) => ({
      firstName: `Stress${String.fromCharCode(97 + (i % 26))}`,
      lastName,
      gender: 'UNKNOWN',
      dateOfBirth: '1990-01-01',
    }));

    // Frozen, the patient subgraph cannot answer; the gateway's request for the mutation waits in
    // its socket. SIGTERM is then pending when it resumes, so the stop and the request race for
    // real: the request is either taken in and drained to completion, or refused before it starts.
    process.kill(patient.pid, 'SIGSTOP');
    const mutation = graphql<{ createPatients: { id: string }[] | null }>(
      stack.gatewayUrl,
      token,
      'mutation ($inputs: [PatientInput!]!) { createPatients(inputs: $inputs) { id } }',
      { inputs },
    );
    await sleep(300);
    process.kill(patient.pid, 'SIGTERM');
    process.kill(patient.pid, 'SIGCONT');
    const result = await mutation;
    expect(result.status).toBe(200);
    expect(await eventually(() => !isAlive(patient.pid), 15_000)).toBe(true);

    const patientEvents = stack.logs.filter((line) => line['service'] === 'patient').map((line) => line['event']);
    expect(patientEvents).toEqual(expect.arrayContaining(['service.stopping', 'service.draining', 'service.stopped']));

    // What reached the EHR: the patient subgraph's last outbox flush happens before it exits, so an
    // applied mutation's events are at the ehr subgraph, which delivers them to the sandbox.
    const sandbox = stack.services['ehr-sandbox']!.url;
    const delivered = async (): Promise<number> => {
      const response = await fetch(`${sandbox}/_sandbox/ehrs/allscripts/patients`);
      const records = (await response.json()) as unknown[];
      return records.filter((record) => JSON.stringify(record).includes(lastName)).length;
    };
    if (result.errors === undefined) {
      // Applied: the answer is complete, and every patient it created reaches the EHR.
      expect(result.data?.createPatients).toHaveLength(count);
      expect(result.data?.createPatients?.every((p) => typeof p.id === 'string')).toBe(true);
      await eventually(async () => (await delivered()) === count, 30_000);
      expect(await delivered()).toBe(count);
    } else {
      // Refused: no partial answer, and nothing of it ever reaches the EHR.
      expect(result.data?.createPatients ?? null).toBeNull();
      await sleep(3_000);
      expect(await delivered()).toBe(0);
    }

    // The rest of the stack keeps answering without the patient subgraph.
    const gatewayBase = stack.gatewayUrl.replace('/graphql', '');
    expect((await fetch(`${gatewayBase}/health/live`)).status).toBe(200);
    const systems = await graphql<{ ehrSystems: { name: string }[] }>(
      stack.gatewayUrl,
      token,
      '{ ehrSystems { name } }',
    );
    expect(systems.errors).toBeUndefined();
    expect(systems.data?.ehrSystems.map((s) => s.name)).toContain('Allscripts');
    for (const name of ['clinical', 'ehr'] as const) {
      expect((await fetch(stack.services[name]!.url.replace('/graphql', '/health/ready'))).status).toBe(200);
    }
    // The gateway is not ready while one of its subgraphs is not, once its cached answer (2 s) is
    // renewed: delivery can be done well within that.
    const readiness = async (): Promise<[number, string | undefined]> => {
      const ready = await fetch(`${gatewayBase}/health/ready`);
      const report = (await ready.json()) as { checks?: Record<string, string> };
      return [ready.status, report.checks?.['patient']];
    };
    await eventually(async () => (await readiness())[0] === 503, 10_000);
    expect(await readiness()).toEqual([503, 'unreachable']);
  });
});
