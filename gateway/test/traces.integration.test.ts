import { SpanKind } from '@carebridge/common';
import { startTestTracing, type ReadableSpan } from '@carebridge/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessStack, type InProcessStack } from '../../scripts/lib/stack/inProcess';

const CREATE = `mutation CreatePatient($input: PatientInput!) { createPatient(input: $input) { id } }`;
const PATIENT = {
  firstName: 'Traceable',
  lastName: 'Quintanilla',
  gender: 'FEMALE',
  dateOfBirth: '1961-07-23',
  email: 'traceable.quintanilla@example.test',
};

describe('one patient change is one trace, from the mutation to the EHR answer', () => {
  let tracing: ReturnType<typeof startTestTracing>;
  let stack: InProcessStack;
  beforeAll(async () => {
    tracing = startTestTracing();
    stack = await startInProcessStack();
  });
  afterAll(async () => {
    await stack?.stop();
    await tracing?.stop();
  });

  it('links the gateway, the patient subgraph, the relay, the events route and the delivery', async () => {
    const token = await stack.login('clinician@riverside.test');
    await stack.settled(); // the seed's own deliveries
    tracing.exporter.reset();

    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: CREATE, operationName: 'CreatePatient', variables: { input: PATIENT } }),
    });
    const body = (await response.json()) as { data?: { createPatient?: { id: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    await stack.settled();

    const spans = (): ReadableSpan[] => tracing.exporter.getFinishedSpans();
    const find = (predicate: (span: ReadableSpan) => boolean, what: string): ReadableSpan => {
      const found = spans().find(predicate);
      if (!found)
        throw new Error(
          `no ${what} span among ${spans()
            .map((s) => s.name)
            .join(', ')}`,
        );
      return found;
    };
    const service = (span: ReadableSpan) => span.attributes['carebridge.service'];
    const gateway = find((s) => s.name === 'graphql CreatePatient' && service(s) === 'gateway', 'gateway server');
    const traceId = gateway.spanContext().traceId;
    // Every delivery's span ends after the worker recorded the EHR's answer: wait for them.
    await expect
      .poll(() => spans().filter((s) => s.name === 'delivery.send' && s.spanContext().traceId === traceId).length)
      .toBeGreaterThan(0);

    const inTrace = spans().filter((span) => span.spanContext().traceId === traceId);
    const one = (predicate: (span: ReadableSpan) => boolean, what: string): ReadableSpan => {
      const found = inTrace.filter(predicate);
      expect(found, what).toHaveLength(1);
      return found[0]!;
    };
    const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
    const idOf = (span: ReadableSpan) => span.spanContext().spanId;

    expect(gateway.kind).toBe(SpanKind.SERVER);
    expect(parentOf(gateway)).toBeUndefined();
    expect(gateway.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/graphql',
      'http.response.status_code': 200,
      'graphql.operation.name': 'CreatePatient',
    });
    expect(gateway.attributes['carebridge.request_id']).toEqual(response.headers.get('x-request-id'));

    const fetchPatient = one((s) => s.name === 'subgraph patient', 'gateway → patient fetch');
    expect(fetchPatient.kind).toBe(SpanKind.CLIENT);
    expect(fetchPatient.attributes['carebridge.subgraph']).toBe('patient');
    expect(parentOf(fetchPatient)).toBe(idOf(gateway));

    const patient = one((s) => s.kind === SpanKind.SERVER && service(s) === 'patient', 'patient server');
    expect(patient.attributes['http.route']).toBe('/graphql');
    expect(parentOf(patient)).toBe(idOf(fetchPatient));

    const relay = one((s) => s.name === 'outbox.send', 'outbox relay send');
    expect(relay.kind).toBe(SpanKind.CLIENT);
    expect(relay.attributes).toMatchObject({ 'carebridge.events.target': 'ehr', 'http.response.status_code': 200 });
    expect(parentOf(relay)).toBe(idOf(patient));

    const events = one((s) => s.name === 'POST /internal/events', 'ehr events route');
    expect(events.kind).toBe(SpanKind.SERVER);
    expect(events.attributes).toMatchObject({ 'carebridge.service': 'ehr', 'http.response.status_code': 200 });
    expect(parentOf(events)).toBe(idOf(relay));

    const deliveries = inTrace.filter((s) => s.name === 'delivery.send');
    const transactions = await stack.transactions.byPatient(body.data!.createPatient!.id);
    expect(deliveries).toHaveLength(transactions.length);
    for (const delivery of deliveries) {
      expect(delivery.kind).toBe(SpanKind.CLIENT);
      expect(parentOf(delivery)).toBe(idOf(events));
      expect(delivery.attributes).toMatchObject({
        'carebridge.ehr_system.id': 'ehr-athena',
        'carebridge.delivery.attempt': 1,
        'http.response.status_code': expect.any(Number),
      });
      expect(transactions.map((t) => t.endpoint)).toContain(delivery.attributes['carebridge.ehr.endpoint']);
    }

    // No span, in this trace or any other, names the patient or carries their data.
    const phi = [PATIENT.firstName, PATIENT.lastName, PATIENT.dateOfBirth, PATIENT.email, 'Traceable'];
    for (const span of spans()) {
      const text = JSON.stringify([span.name, span.attributes, span.events, span.links]);
      for (const value of phi) expect(text).not.toContain(value);
    }
  });
});
