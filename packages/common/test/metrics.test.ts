import { ApolloServer } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import {
  createMetrics,
  MAX_OPERATION_NAMES,
  metricsAccess,
  operationLabeler,
  routeClass,
  scrapeStatus,
} from '../src/metrics';
import { metricValue, parseMetrics } from '../src/testing';

const typeDefs = `type Query { hello: String, broken: String }`;
const resolvers = {
  Query: {
    hello: () => 'world',
    broken: () => {
      throw new Error('boom');
    },
  },
};

async function scrape(metrics: ReturnType<typeof createMetrics>) {
  return parseMetrics(await metrics.text());
}

describe('createMetrics', () => {
  it('counts and times each GraphQL operation by name, errors apart', async () => {
    const metrics = createMetrics({ service: 'test' });
    const server = new ApolloServer({ typeDefs, resolvers, plugins: [metrics.plugin()] });
    await server.start();
    try {
      for (let i = 0; i < 3; i++) await server.executeOperation({ query: 'query Hello { hello }' });
      await server.executeOperation({ query: '{ hello }' });
      await server.executeOperation({ query: 'query Broken { broken }' });
    } finally {
      await server.stop();
    }
    const samples = await scrape(metrics);
    const ops = 'carebridge_graphql_operations_total';
    expect(metricValue(samples, ops, { operation: 'Hello', service: 'test' })).toBe(3);
    expect(metricValue(samples, ops, { operation: 'anonymous' })).toBe(1);
    expect(metricValue(samples, ops, { operation: 'Broken' })).toBe(1);
    expect(metricValue(samples, 'carebridge_graphql_errors_total', { operation: 'Broken' })).toBe(1);
    expect(metricValue(samples, 'carebridge_graphql_errors_total', { operation: 'Hello' })).toBe(0);
    expect(metricValue(samples, 'carebridge_graphql_operation_duration_seconds_count', { operation: 'Hello' })).toBe(3);
  });

  it('counts HTTP requests by route class and status class', async () => {
    const metrics = createMetrics({ service: 'test' });
    metrics.observeHttp('/graphql', 200, 0.01);
    metrics.observeHttp('/graphql', 200, 0.02);
    metrics.observeHttp('/graphql', 400, 0.01);
    metrics.observeHttp('/auth/login', 401, 0.3);
    metrics.observeHttp('/patients/pt-123', 404, 0.001);
    const samples = await scrape(metrics);
    const http = 'carebridge_http_requests_total';
    expect(metricValue(samples, http, { route: 'graphql', status: '2xx' })).toBe(2);
    expect(metricValue(samples, http, { route: 'graphql', status: '4xx' })).toBe(1);
    expect(metricValue(samples, http, { route: 'auth', status: '4xx' })).toBe(1);
    // A path of the caller's never becomes a label.
    expect(metricValue(samples, http, { route: 'other', status: '4xx' })).toBe(1);
    expect(samples.some((s) => Object.values(s.labels).some((v) => v.includes('pt-123')))).toBe(false);
    expect(metricValue(samples, 'carebridge_http_request_duration_seconds_count', { route: 'graphql' })).toBe(3);
  });

  it('keeps each service in its own registry, with the process metrics beside', async () => {
    const a = createMetrics({ service: 'a' });
    const b = createMetrics({ service: 'b' });
    a.observeHttp('/graphql', 200, 0.01);
    expect(metricValue(await scrape(a), 'carebridge_http_requests_total')).toBe(1);
    expect(metricValue(await scrape(b), 'carebridge_http_requests_total')).toBe(0);
    expect((await scrape(b)).some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
    // Asking for a metric again answers the one registered.
    expect(a.counter('carebridge_x_total', 'x')).toBe(a.counter('carebridge_x_total', 'x'));
  });

  it('sets gauges at scrape time', async () => {
    const metrics = createMetrics({ service: 'test' });
    let depth = 4;
    metrics.gauge('carebridge_depth', 'depth', [], (gauge) => gauge.set(depth));
    expect(metricValue(await scrape(metrics), 'carebridge_depth')).toBe(4);
    depth = 7;
    expect(metricValue(await scrape(metrics), 'carebridge_depth')).toBe(7);
  });
});

describe('operationLabeler', () => {
  it('bounds the names: anonymous, other for odd or late names', () => {
    const label = operationLabeler(2);
    expect(label(undefined)).toBe('anonymous');
    expect(label('First')).toBe('First');
    expect(label('has space')).toBe('other');
    expect(label('x'.repeat(65))).toBe('other');
    expect(label('Second')).toBe('Second');
    expect(label('Third')).toBe('other');
    expect(label('First')).toBe('First');
    expect(MAX_OPERATION_NAMES).toBe(200);
  });
});

describe('routeClass', () => {
  it('names what services serve and nothing else', () => {
    expect(routeClass('/health/ready')).toBe('health');
    expect(routeClass('/internal/events')).toBe('events');
    expect(routeClass('/.well-known/jwks.json')).toBe('well-known');
    expect(routeClass('/graphqlx')).toBe('graphql');
    expect(routeClass('/anything')).toBe('other');
  });
});

describe('scrapeStatus', () => {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('is open in development without a token', () => {
    expect(scrapeStatus(metricsAccess({ env: {} }), {})).toBe(200);
  });

  it('serves nothing in production without METRICS_TOKEN', () => {
    const access = metricsAccess({ env: { NODE_ENV: 'production' } });
    expect(scrapeStatus(access, {})).toBe(404);
    expect(scrapeStatus(access, bearer('anything'))).toBe(404);
  });

  it('requires the token when METRICS_TOKEN is set, in any mode', () => {
    for (const NODE_ENV of ['production', 'development']) {
      const access = metricsAccess({ env: { NODE_ENV, METRICS_TOKEN: 's3cret-token' } });
      expect(scrapeStatus(access, {})).toBe(401);
      expect(scrapeStatus(access, bearer('wrong'))).toBe(401);
      expect(scrapeStatus(access, bearer('s3cret-token-longer'))).toBe(401);
      expect(scrapeStatus(access, bearer('s3cret-token'))).toBe(200);
    }
  });
});
