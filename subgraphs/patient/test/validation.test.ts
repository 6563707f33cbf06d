import { describe, expect, it } from 'vitest';
import { toNewPatient, toPatientPatch } from '../src/data/normalize';
import {
  validateBulkPatientUpdate,
  validatePatientInput,
  validatePatientInputs,
  validatePatientUpdate,
  fetchLookups,
  type OwnedPatientInput,
  type ValidationLookups,
} from '../src/data/validation';
import { mrnKey } from '../src/data/mrn-index';
import { SEED_PROVIDERS } from '../src/data/seed';
import { emptyStore, newPatient, patientInput, TODAY } from './helpers';

const store = emptyStore();
const created = await store.create([
  newPatient({ mrn: 'RH-777' }),
  newPatient({ organizationId: 'org-lakeside', mrn: 'LC-1' }),
]);
const [existing, lakesider] = created;
/** The store's answers, synchronously, as `fetchLookups` gives them to the rules. */
const lookups: ValidationLookups = {
  today: TODAY,
  findProviderById: (id) => SEED_PROVIDERS.find((p) => p.id === id),
  findIdByMrn: (organizationId, mrn) =>
    created.find((p) => mrnKey(p.organizationId, p.mrn) === mrnKey(organizationId, mrn))?.id,
};

const problemsOf = (input: OwnedPatientInput) => validatePatientInput(input, lookups).list;
const fieldsOf = (input: OwnedPatientInput) => problemsOf(input).map((p) => p.field);

describe('validatePatientInput', () => {
  it('accepts a complete, valid patient', () => {
    const input = patientInput({
      mrn: 'RH-1000',
      phone: '+1 (312) 555-0142',
      email: 'ada.whitaker@example.test',
      address: { line1: '12 Maple Ave', line2: 'Apt 4', city: 'Springfield', state: 'IL', postalCode: '62701' },
      emergencyContact: { name: 'Ruth Whitaker', relationship: 'parent', phone: '312.555.0143' },
      insurance: { provider: 'Blue Harbor Health', policyNumber: 'POL-1' },
      primaryCarePhysicianId: 'prov-riverside-1',
      preferredLanguage: 'ES',
    });
    expect(problemsOf(input)).toEqual([]);
  });

  it('requires first and last names of 1 to 100 characters after trimming', () => {
    expect(problemsOf(patientInput({ firstName: '   ', lastName: 'x'.repeat(101) }))).toEqual([
      { field: 'firstName', message: 'must be 1 to 100 characters long' },
      { field: 'lastName', message: 'must be 1 to 100 characters long' },
    ]);
    expect(problemsOf(patientInput({ firstName: ' A ', lastName: 'x'.repeat(100) }))).toEqual([]);
  });

  it('requires an email address to have the shape name@domain.tld', () => {
    for (const email of ['not-an-email', 'a@b', 'a b@example.test', '@example.test', 'a@@example.test']) {
      expect(problemsOf(patientInput({ email }))).toEqual([
        { field: 'email', message: 'must be an email address such as name@example.com' },
      ]);
    }
    expect(problemsOf(patientInput({ email: 'ana.lopez+clinic@mail.example' }))).toEqual([]);
  });

  it('accepts phones of 7 to 15 digits with a leading + and common separators', () => {
    for (const phone of ['+1 (312) 555-0142', '312.555.0142', '5550142', '+123456789012345']) {
      expect(problemsOf(patientInput({ phone }))).toEqual([]);
    }
    expect(problemsOf(patientInput({ phone: '555-01ab' }))).toEqual([
      { field: 'phone', message: 'may contain only digits, a leading +, spaces, dashes, dots and parentheses' },
    ]);
    expect(problemsOf(patientInput({ phone: '1+555' }))).toEqual([
      { field: 'phone', message: 'may contain only digits, a leading +, spaces, dashes, dots and parentheses' },
    ]);
    expect(problemsOf(patientInput({ phone: '555-014' }))).toEqual([
      { field: 'phone', message: 'must have 7 to 15 digits' },
    ]);
    expect(problemsOf(patientInput({ phone: '+1234567890123456' }))).toEqual([
      { field: 'phone', message: 'must have 7 to 15 digits' },
    ]);
  });

  it('refuses a date of birth in the future or more than 130 years ago', () => {
    expect(problemsOf(patientInput({ dateOfBirth: '2026-03-02' }))).toEqual([
      { field: 'dateOfBirth', message: 'must not be in the future' },
    ]);
    expect(problemsOf(patientInput({ dateOfBirth: '1896-02-29' }))).toEqual([
      { field: 'dateOfBirth', message: 'must be at most 130 years ago' },
    ]);
    expect(problemsOf(patientInput({ dateOfBirth: '2023-02-30' }))).toEqual([
      { field: 'dateOfBirth', message: 'must be a calendar date written YYYY-MM-DD' },
    ]);
    expect(problemsOf(patientInput({ dateOfBirth: TODAY }))).toEqual([]);
    expect(problemsOf(patientInput({ dateOfBirth: '1896-03-01' }))).toEqual([]);
  });

  it('accepts an organization that signed up after start-up (the resolvers allow only the caller’s own)', () => {
    expect(problemsOf(patientInput({ organizationId: 'org-signed-up-today' }))).toEqual([]);
    expect(
      problemsOf(patientInput({ organizationId: 'org-signed-up-today', primaryCarePhysicianId: 'prov-x' })),
    ).toEqual([{ field: 'primaryCarePhysicianId', message: 'is not a known provider' }]);
  });

  it('requires the primary care physician to be a provider of the same organization', () => {
    expect(problemsOf(patientInput({ primaryCarePhysicianId: 'prov-nobody' }))).toEqual([
      { field: 'primaryCarePhysicianId', message: 'is not a known provider' },
    ]);
    expect(problemsOf(patientInput({ primaryCarePhysicianId: 'prov-lakeside-1' }))).toEqual([
      { field: 'primaryCarePhysicianId', message: "must be a provider of the patient's organization" },
    ]);
    expect(problemsOf(patientInput({ primaryCarePhysicianId: 'prov-riverside-2' }))).toEqual([]);
  });

  it('requires an MRN of 1 to 32 letters, digits or dashes', () => {
    for (const mrn of ['', 'RH 1', 'RH_1', 'R'.repeat(33)]) {
      expect(problemsOf(patientInput({ mrn }))).toEqual([
        { field: 'mrn', message: 'must be 1 to 32 letters, digits or dashes' },
      ]);
    }
    expect(problemsOf(patientInput({ mrn: 'R'.repeat(32) }))).toEqual([]);
  });

  it('requires the MRN to be unique within the organization, ignoring case', () => {
    expect(problemsOf(patientInput({ mrn: 'rh-777' }))).toEqual([
      { field: 'mrn', message: 'is already used by another patient of the organization', code: 'MRN_TAKEN' },
    ]);
    expect(problemsOf(patientInput({ organizationId: 'org-lakeside', mrn: 'RH-777' }))).toEqual([]);
  });

  it('requires non-empty address fields and an ISO 3166-1 alpha-2 country', () => {
    const address = { line1: ' ', city: '', state: '', postalCode: '', country: 'USA' };
    expect(problemsOf(patientInput({ address }))).toEqual([
      { field: 'address.line1', message: 'must not be empty' },
      { field: 'address.city', message: 'must not be empty' },
      { field: 'address.state', message: 'must not be empty' },
      { field: 'address.postalCode', message: 'must not be empty' },
      { field: 'address.country', message: 'must be an ISO 3166-1 alpha-2 country code such as US' },
    ]);
    const valid = { line1: '1 Calle Luna', city: 'Madrid', state: 'MD', postalCode: '28001' };
    for (const country of ['XX', 'UK', 'EU']) {
      expect(fieldsOf(patientInput({ address: { ...valid, country } }))).toEqual(['address.country']);
    }
    expect(problemsOf(patientInput({ address: { ...valid, country: 'es' } }))).toEqual([]);
  });

  it('checks every field of the emergency contact and the insurance', () => {
    expect(
      problemsOf(
        patientInput({
          emergencyContact: { name: '', relationship: ' ', phone: 'call me' },
          insurance: { provider: '', policyNumber: 'P'.repeat(65) },
        }),
      ),
    ).toEqual([
      { field: 'emergencyContact.name', message: 'must not be empty' },
      { field: 'emergencyContact.relationship', message: 'must not be empty' },
      {
        field: 'emergencyContact.phone',
        message: 'may contain only digits, a leading +, spaces, dashes, dots and parentheses',
      },
      { field: 'insurance.provider', message: 'must not be empty' },
      { field: 'insurance.policyNumber', message: 'must be at most 64 characters long' },
    ]);
  });

  it('refuses control and invisible characters in every text field, and names that start like a formula', () => {
    const bad = 'Ana\u202Eevil';
    const input = patientInput({
      firstName: bad,
      lastName: '=HYPERLINK("http://evil","x")',
      email: 'ana\u200B@example.test',
      address: {
        line1: '1 Main\u0000',
        line2: '\u001B[2J',
        city: 'a\uD800',
        state: 'IL\u2066',
        postalCode: '6\uFEFF2',
      },
      emergencyContact: { name: 'Ruth\u0085', relationship: 'par\nent', phone: '312 555 0143' },
      insurance: { provider: 'Blue\uE000', policyNumber: 'P\uFFFF' },
    });
    const problems = problemsOf(input);
    const CHARS = 'contains a control or invisible character';
    expect(problems).toEqual([
      { field: 'firstName', message: CHARS },
      { field: 'lastName', message: 'must not start with =, +, - or @' },
      { field: 'email', message: 'must be an email address such as name@example.com' },
      ...['line1', 'line2', 'city', 'state', 'postalCode'].map((f) => ({ field: `address.${f}`, message: CHARS })),
      { field: 'emergencyContact.name', message: CHARS },
      { field: 'emergencyContact.relationship', message: CHARS },
      { field: 'insurance.provider', message: CHARS },
      { field: 'insurance.policyNumber', message: CHARS },
    ]);
    expect(JSON.stringify(problems)).not.toContain('evil');
    const update = validatePatientUpdate({ firstName: '\u200Dx', lastName: '+1' }, existing!, lookups).list;
    expect(update).toEqual([
      { field: 'firstName', message: CHARS },
      { field: 'lastName', message: 'must not start with =, +, - or @' },
    ]);
  });

  it('measures names in NFC: 100 accented letters typed decomposed are 100 characters', () => {
    const decomposed = 'e\u0301'.repeat(100);
    expect(problemsOf(patientInput({ firstName: decomposed, lastName: `${decomposed}e` }))).toEqual([
      { field: 'lastName', message: 'must be 1 to 100 characters long' },
    ]);
  });

  it('never repeats a submitted value in a message', () => {
    const secret = 'Zq9SECRET';
    const input = patientInput({
      firstName: `${secret}${'x'.repeat(100)}`,
      email: `${secret}@nowhere`,
      phone: `${secret}555`,
      mrn: `${secret}!`,
      dateOfBirth: '2999-01-01',
      address: {
        line1: secret,
        city: secret,
        state: secret,
        postalCode: `${secret}${'9'.repeat(20)}`,
        country: secret,
      },
      emergencyContact: { name: secret, relationship: secret, phone: `+${secret}` },
      primaryCarePhysicianId: secret,
    });
    const problems = problemsOf(input);
    expect(problems.length).toBeGreaterThanOrEqual(8);
    expect(JSON.stringify(problems)).not.toContain(secret);
    expect(JSON.stringify(problems)).not.toContain('2999');
  });
});

describe('validatePatientInputs', () => {
  it('accepts 1 to 500 inputs and refuses none or more', () => {
    const tooMany = Array.from({ length: 501 }, () => patientInput());
    expect(validatePatientInputs([], lookups).list).toEqual([
      { field: 'inputs', message: 'must contain 1 to 500 patients' },
    ]);
    expect(validatePatientInputs(tooMany, lookups).list).toEqual([
      { field: 'inputs', message: 'must contain 1 to 500 patients' },
    ]);
    expect(validatePatientInputs(tooMany.slice(1), lookups).list).toEqual([]);
  });

  it('names each problem by its input index', () => {
    const inputs = [patientInput(), patientInput({ email: 'nope' }), patientInput(), patientInput({ lastName: '' })];
    expect(validatePatientInputs(inputs, lookups).list).toEqual([
      { field: 'inputs[1].email', message: 'must be an email address such as name@example.com' },
      { field: 'inputs[3].lastName', message: 'must be 1 to 100 characters long' },
    ]);
  });

  it('requires MRNs to be unique across the inputs of one call within an organization', () => {
    const inputs = [
      patientInput({ mrn: 'RH-5' }),
      patientInput({ organizationId: 'org-lakeside', mrn: 'RH-5' }),
      patientInput({ mrn: 'rh-5' }),
    ];
    expect(validatePatientInputs(inputs, lookups).list).toEqual([
      { field: 'inputs[2].mrn', message: 'is used by another input of this call for the same organization' },
    ]);
  });
});

describe('validatePatientUpdate', () => {
  if (existing === undefined || lakesider === undefined) throw new Error('setup created no patients');

  it('refuses null for every required field', () => {
    const input = {
      mrn: null,
      firstName: null,
      lastName: null,
      gender: null,
      dateOfBirth: null,
      preferredLanguage: null,
    };
    expect(validatePatientUpdate(input, existing, lookups).list).toEqual(
      ['mrn', 'firstName', 'lastName', 'gender', 'dateOfBirth', 'preferredLanguage'].map((field) => ({
        field,
        message: 'is required and cannot be cleared',
      })),
    );
  });

  it('accepts null for optional fields, which clears them', () => {
    const input = { phone: null, email: null, address: null, emergencyContact: null, insurance: null };
    expect(validatePatientUpdate({ ...input, primaryCarePhysicianId: null }, existing, lookups).list).toEqual([]);
  });

  it('applies the creation rules to the fields present', () => {
    expect(validatePatientUpdate({ email: 'x', dateOfBirth: '2030-01-01' }, existing, lookups).list).toEqual([
      { field: 'dateOfBirth', message: 'must not be in the future' },
      { field: 'email', message: 'must be an email address such as name@example.com' },
    ]);
  });

  it("lets a patient keep its own MRN but not take another patient's", () => {
    expect(validatePatientUpdate({ mrn: 'rh-777' }, existing, lookups).list).toEqual([]);
    expect(validatePatientUpdate({ mrn: 'RH-777' }, { ...existing, id: 'pt-other' }, lookups).list).toEqual([
      { field: 'mrn', message: 'is already used by another patient of the organization', code: 'MRN_TAKEN' },
    ]);
  });

  it("checks the primary care physician against the patient's own organization", () => {
    expect(validatePatientUpdate({ primaryCarePhysicianId: 'prov-riverside-1' }, lakesider, lookups).list).toEqual([
      { field: 'primaryCarePhysicianId', message: "must be a provider of the patient's organization" },
    ]);
  });
});

describe('normalization', () => {
  it('trims text, defaults the country and language, and writes phones in international form', () => {
    const input = patientInput({
      firstName: ' Ada ',
      phone: '(312) 555-0142',
      email: ' ada@example.test ',
      address: { line1: ' 1 Main St ', line2: ' ', city: 'Springfield', state: 'IL', postalCode: '62701' },
      emergencyContact: { name: 'Ruth', relationship: 'parent', phone: '+44 20 7946 0958' },
    });
    expect(toNewPatient(input)).toEqual(
      newPatient({
        phone: '+13125550142',
        email: 'ada@example.test',
        address: {
          line1: '1 Main St',
          line2: null,
          city: 'Springfield',
          state: 'IL',
          postalCode: '62701',
          country: 'US',
        },
        emergencyContact: { name: 'Ruth', relationship: 'parent', phone: '+442079460958' },
      }),
    );
  });

  it('stores text in NFC', () => {
    const nfd = (text: string) => text.normalize('NFD');
    const input = patientInput({
      firstName: nfd(' Rocío '),
      lastName: nfd('Peña'),
      address: { line1: nfd('8 Calle Peñón'), city: nfd('San José'), state: 'CA', postalCode: '95110' },
    });
    const stored = toNewPatient(input);
    expect([stored.firstName, stored.lastName, stored.address?.line1, stored.address?.city]).toEqual([
      'Rocío',
      'Peña',
      '8 Calle Peñón',
      'San José',
    ]);
    expect(toPatientPatch({ lastName: nfd('Núñez') })).toEqual({ lastName: 'Núñez' });
  });

  it('keeps only the fields present in an update, with null clearing optional ones', () => {
    expect(toPatientPatch({ lastName: ' Lopez ', email: null, primaryCarePhysicianId: null })).toEqual({
      lastName: 'Lopez',
      email: null,
      primaryCarePhysicianId: null,
    });
  });
});

describe('validateBulkPatientUpdate', () => {
  const bulkProblems = (filter: object, input: object) =>
    validateBulkPatientUpdate(filter, input, 'org-riverside', lookups).list;

  it('accepts a filter with a criterion and a change of the physician or the language', () => {
    expect(bulkProblems({ organizationId: 'org-riverside' }, { preferredLanguage: 'ES' })).toEqual([]);
    expect(bulkProblems({ primaryCarePhysicianId: 'prov-riverside-1' }, { primaryCarePhysicianId: null })).toEqual([]);
    expect(
      bulkProblems({ primaryCarePhysicianId: 'prov-riverside-1' }, { primaryCarePhysicianId: 'prov-riverside-2' }),
    ).toEqual([]);
  });

  it('refuses an empty filter and an empty change', () => {
    expect(bulkProblems({ organizationId: null }, {})).toEqual([
      { field: 'filter', message: 'must have at least one criterion' },
      { field: 'input', message: 'must change at least one field' },
    ]);
  });

  it('applies the rules of updatePatient to the change, as input.field', () => {
    expect(
      bulkProblems(
        { organizationId: 'org-riverside' },
        { primaryCarePhysicianId: 'prov-lakeside-1', preferredLanguage: null },
      ),
    ).toEqual([
      { field: 'input.preferredLanguage', message: 'is required and cannot be cleared' },
      { field: 'input.primaryCarePhysicianId', message: "must be a provider of the patient's organization" },
    ]);
    expect(bulkProblems({ organizationId: 'org-riverside' }, { primaryCarePhysicianId: 'prov-x' })).toEqual([
      { field: 'input.primaryCarePhysicianId', message: 'is not a known provider' },
    ]);
  });
});

describe('fetchLookups', () => {
  it('answers what the store answers for what the changes name, and refuses anything else', async () => {
    const found = await fetchLookups(store, TODAY, [
      { organizationId: 'org-riverside', mrn: ' rh-777 ', primaryCarePhysicianId: 'prov-riverside-1' },
      { organizationId: 'org-lakeside', mrn: 'RH-777', primaryCarePhysicianId: 'prov-none' },
      { organizationId: 'org-riverside', mrn: 'not an mrn!' },
    ]);
    expect(found.today).toEqual(TODAY);
    expect(found.findIdByMrn('org-riverside', 'RH-777')).toEqual(existing?.id);
    expect(found.findIdByMrn('org-lakeside', 'rh-777')).toBeUndefined();
    expect(found.findProviderById('prov-riverside-1')?.displayName).toEqual('Dr. Maya Okafor');
    expect(found.findProviderById('prov-none')).toBeUndefined();
    expect(() => found.findProviderById('prov-lakeside-1')).toThrow(/not fetched/);
    expect(() => found.findIdByMrn('org-riverside', 'LC-1')).toThrow(/not fetched/);
  });
});
