import { describe, expect, it } from 'vitest';
import { seededCache } from '../delivery/fixtures';
import { evictAfterBulkChange } from './cache';

describe('evictAfterBulkChange', () => {
  it('forgets every patient list and each patient’s delivery fields, then what nothing reaches', () => {
    const cache = seededCache();
    evictAfterBulkChange(cache);
    const after = cache.extract();
    expect(Object.keys(after['ROOT_QUERY']!).sort()).toEqual([
      '__typename',
      'ehrTransactions({"filter":{}})',
      'patient({"id":"pt-1"})',
    ]);
    // pt-2 was only in the lists.
    expect(after['Patient:pt-2']).toBeUndefined();
    expect(after['Patient:pt-1']).toEqual({
      __typename: 'Patient',
      id: 'pt-1',
      firstName: 'Ana',
      version: 3,
      preferredLanguage: 'EN',
      primaryCarePhysician: { __ref: 'Provider:prov-1' },
    });
  });

  it('forgets the patient fields a change set as well', () => {
    const cache = seededCache();
    evictAfterBulkChange(cache, ['primaryCarePhysician', 'preferredLanguage', 'version']);
    expect(cache.extract()['Patient:pt-1']).toEqual({ __typename: 'Patient', id: 'pt-1', firstName: 'Ana' });
  });
});
