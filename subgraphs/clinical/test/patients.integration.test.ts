import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpanKind, withSpan } from '@carebridge/common';
import { startTestTracing } from '@carebridge/common/testing';
import { createHttpPatientDirectory, PATIENT_VISIBLE_QUERY } from '../src/data/patients';

/**
 * The graph-backed PatientDirectory against a tiny stand-in for the gateway on a free port. The
 * stand-in answers by patient id, the way the gateway would relay the patient subgraph.
 */
interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: unknown;
}

const received: Received[] = [];
let server: Server;
let graphUrl: string;

const AUTHORIZATION = 'Bearer caller.token.signature';

function reply(patientId: unknown): { status: number; body: string } {
  switch (patientId) {
    case 'pt-visible':
      return { status: 200, body: JSON.stringify({ data: { patient: { id: 'pt-visible' } } }) };
    case 'pt-other-org':
      return {
        status: 200,
        body: JSON.stringify({
          data: { patient: null },
          errors: [{ message: 'This patient belongs to another organization.', extensions: { code: 'FORBIDDEN' } }],
        }),
      };
    case 'pt-mismatch':
      return { status: 200, body: JSON.stringify({ data: { patient: { id: 'pt-visible' } } }) };
    case 'pt-unauthenticated':
      return {
        status: 401,
        body: JSON.stringify({ errors: [{ message: 'Sign in', extensions: { code: 'UNAUTHENTICATED' } }] }),
      };
    case 'pt-server-error':
      return { status: 500, body: JSON.stringify({ data: { patient: { id: 'pt-server-error' } } }) };
    case 'pt-garbage':
      return { status: 200, body: 'not json' };
    default:
      return { status: 200, body: JSON.stringify({ data: null, errors: [{ message: 'boom' }] }) };
  }
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables?: { id?: unknown } };
      received.push({ method: request.method, url: request.url, headers: request.headers, body });
      const { status, body: answer } = reply(body.variables?.id);
      response.writeHead(status, { 'content-type': 'application/json' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  graphUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

describe('HTTP patient directory', () => {
  it('asks the graph for the patient with the caller’s authorization, and answers true for the same id', async () => {
    received.length = 0;
    const directory = createHttpPatientDirectory({ graphUrl });
    expect(await directory.isVisible('pt-visible', AUTHORIZATION)).toEqual(true);
    expect(received).toEqual([
      {
        method: 'POST',
        url: '/graphql',
        headers: expect.objectContaining({
          authorization: AUTHORIZATION,
          'content-type': 'application/json',
        }) as unknown,
        body: { query: PATIENT_VISIBLE_QUERY, operationName: 'PatientVisible', variables: { id: 'pt-visible' } },
      },
    ]);
    expect(PATIENT_VISIBLE_QUERY).toEqual('query PatientVisible($id: ID!) { patient(id: $id) { id } }');
  });

  it('answers false for null, another id, errors, a failed status or a body that is not JSON', async () => {
    const directory = createHttpPatientDirectory({ graphUrl });
    const ids = ['pt-other-org', 'pt-mismatch', 'pt-unauthenticated', 'pt-server-error', 'pt-garbage', 'pt-error'];
    const answers = await Promise.all(ids.map((id) => directory.isVisible(id, AUTHORIZATION)));
    expect(Object.fromEntries(ids.map((id, i) => [id, answers[i]]))).toEqual(
      Object.fromEntries(ids.map((id) => [id, false])),
    );
  });

  it('asks in a CLIENT span of the caller’s trace, which the gateway continues (traceparent)', async () => {
    const tracing = startTestTracing();
    try {
      received.length = 0;
      const directory = createHttpPatientDirectory({ graphUrl });
      const caller = await withSpan('clinical request', {}, async (span) => {
        await directory.isVisible('pt-visible', AUTHORIZATION);
        return span!.spanContext();
      });
      const lookup = tracing.exporter.getFinishedSpans().find((s) => s.name === 'graph PatientVisible')!;
      expect(lookup.kind).toBe(SpanKind.CLIENT);
      expect(lookup.parentSpanContext?.spanId).toBe(caller.spanId);
      expect(received[0]!.headers['traceparent']).toBe(`00-${caller.traceId}-${lookup.spanContext().spanId}-01`);
      expect(lookup.attributes).toEqual({});
    } finally {
      await tracing.stop();
    }
  });

  it('answers false when the graph cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const directory = createHttpPatientDirectory({ graphUrl: `http://127.0.0.1:${port}/graphql` });
    expect(await directory.isVisible('pt-visible', AUTHORIZATION)).toEqual(false);
  });
});
