import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config';

describe('the patient subgraph’s event delivery configuration', () => {
  it('sends every event to the ehr subgraph and the deletions to the clinical subgraph', () => {
    expect(readConfig({}).events).toMatchObject({
      targetUrl: 'http://127.0.0.1:4003/internal/events',
      subscribers: [{ url: 'http://127.0.0.1:4002/internal/events', types: ['patient.deleted'] }],
    });
    const events = readConfig({ CLINICAL_EVENTS_URL: 'http://clinical:4002/internal/events' }).events;
    expect(events.subscribers).toEqual([{ url: 'http://clinical:4002/internal/events', types: ['patient.deleted'] }]);
  });
});
