import { describe, expect, it } from 'vitest';
import type { EhrSystemRecord, FieldMappingRecord } from '../src/data/records';
import { seedEhrSystems } from '../src/data/seed';
import type { DestinationPolicy } from '../src/delivery/destinations';
import {
  isValidDateFormat,
  validateEhrSystem,
  validateMapping,
  type EhrSystemInputLike,
} from '../src/mapping/validate';

/** Development's base URL policy: http accepted, nothing allow-listed. */
const DEVELOPMENT: DestinationPolicy = { requireHttps: false, allowedOrigins: new Set() };

const [athena] = seedEhrSystems() as [EhrSystemRecord];
const seeded = athena.mappings[0]!.fields;
const problems = (fields: readonly FieldMappingRecord[], note?: string | null) =>
  validateMapping({ fields, note }, athena.endpoints).list;

describe('validateMapping', () => {
  it('accepts the seeded mappings', () => {
    for (const system of seedEhrSystems()) {
      expect(validateMapping({ fields: system.mappings[0]!.fields }, system.endpoints).list).toEqual([]);
    }
  });

  it('accepts canonical fields and questions with a valid linkId', () => {
    const fields = [
      ...seeded,
      {
        source: 'question:social.alcohol-weekly_2',
        target: 'HISTORY_SOCIAL_PATIENT',
        endpoint: '/v1/patients/{ehrPatientId}/history/family',
      },
    ];
    // HISTORY_SOCIAL_PATIENT is not a family-history key: the target is the only problem.
    expect(problems(fields)).toEqual([
      { field: 'fields[16].target', message: 'is not a key /v1/patients/{ehrPatientId}/history/family accepts' },
    ]);
  });

  it('names an unknown source, a bad question linkId, an unknown endpoint and a foreign target', () => {
    const endpoint = '/v1/patients/{ehrPatientId}/symptoms';
    expect(
      problems([
        ...seeded,
        { source: 'shoeSize', target: 'SYMPTOMS_CURRENT_PATIENT', endpoint },
        { source: 'question:has space', target: 'SYMPTOMS_CURRENT_PATIENT', endpoint },
        { source: 'question:', target: 'SYMPTOMS_CURRENT_PATIENT', endpoint },
        { source: 'symptoms', target: 'SYMPTOMS_CURRENT_PATIENT', endpoint: '/v1/nowhere' },
        { source: 'symptoms', target: 'NOT_A_KEY', endpoint },
      ]),
    ).toEqual([
      { field: 'fields[16].source', message: 'must be a canonical field or question:<linkId>' },
      { field: 'fields[16].target', message: `is already mapped on ${endpoint}` },
      { field: 'fields[17].source', message: 'must be a canonical field or question:<linkId>' },
      { field: 'fields[17].target', message: `is already mapped on ${endpoint}` },
      { field: 'fields[18].source', message: 'must be a canonical field or question:<linkId>' },
      { field: 'fields[18].target', message: `is already mapped on ${endpoint}` },
      { field: 'fields[19].endpoint', message: 'is not an endpoint of this EHR system' },
      { field: 'fields[20].target', message: `is not a key ${endpoint} accepts` },
    ]);
  });

  it('requires every required key of every endpoint to be mapped', () => {
    const withoutRequired = seeded.filter((f) => f.source !== 'name' && f.source !== 'dob');
    expect(problems(withoutRequired)).toEqual([
      { field: 'fields', message: 'must map PATIENT_IDENT_NAME, which /v1/patients requires' },
      { field: 'fields', message: 'must map DATE_OF_BIRTH_PATIENT, which /v1/patients requires' },
    ]);
  });

  it('checks each transform: its pattern, its rows, and only its own fields', () => {
    const at = (transform: FieldMappingRecord['transform']): FieldMappingRecord[] =>
      seeded.map((f) => (f.source === 'dob' ? { ...f, transform } : f));
    const dob = seeded.findIndex((f) => f.source === 'dob');
    expect(problems(at({ kind: 'DATE_FORMAT' }))).toEqual([
      {
        field: `fields[${dob}].transform.dateFormat`,
        message: 'must be YYYY, MM and DD once each, with separators, e.g. MM/DD/YYYY',
      },
    ]);
    expect(problems(at({ kind: 'DATE_FORMAT', dateFormat: 'MM/DD/YYYY', codes: [] }))).toEqual([
      { field: `fields[${dob}].transform.codes`, message: 'is only for CODE_TABLE' },
    ]);
    expect(problems(at({ kind: 'CODE_TABLE', codes: [] }))).toEqual([
      { field: `fields[${dob}].transform.codes`, message: 'must have at least one row' },
    ]);
    expect(
      problems(
        at({
          kind: 'CODE_TABLE',
          dateFormat: 'YYYY',
          codes: [
            { from: 'A', to: '1' },
            { from: 'B', to: '2' },
            { from: 'A', to: '3' },
          ],
        }),
      ),
    ).toEqual([
      { field: `fields[${dob}].transform.codes[2].from`, message: 'is listed twice' },
      { field: `fields[${dob}].transform.dateFormat`, message: 'is only for DATE_FORMAT' },
    ]);
    // A line typed without `=` arrives as an empty side: refused rather than sent as ''.
    expect(
      problems(
        at({
          kind: 'CODE_TABLE',
          codes: [
            { from: 'FEMALE', to: '' },
            { from: ' ', to: 'M' },
          ],
        }),
      ),
    ).toEqual([
      { field: `fields[${dob}].transform.codes[0].to`, message: 'must not be empty' },
      { field: `fields[${dob}].transform.codes[1].from`, message: 'must not be empty' },
    ]);
  });

  it('holds code table rows and the note to the text rule (the note as free text)', () => {
    const gender = seeded.findIndex((f) => f.source === 'gender');
    const CHARS = 'contains a control or invisible character';
    const fields = seeded.map((f, i) =>
      i === gender
        ? {
            ...f,
            transform: {
              kind: 'CODE_TABLE' as const,
              codes: [
                { from: 'FEMALE\u200B', to: 'F' },
                { from: 'MALE', to: 'M\u202E' },
              ],
            },
          }
        : f,
    );
    expect(problems(fields, 'v2:\u001B[31m')).toEqual([
      { field: 'note', message: CHARS },
      { field: `fields[${gender}].transform.codes[0].from`, message: CHARS },
      { field: `fields[${gender}].transform.codes[1].to`, message: CHARS },
    ]);
    expect(problems(seeded, 'Line one\nline two')).toEqual([]);
  });

  it('knows a date pattern when it sees one', () => {
    for (const ok of ['MM/DD/YYYY', 'YYYY-MM-DD', 'DD.MM.YYYY', 'YYYYMMDD', 'DD MM YYYY']) {
      expect(isValidDateFormat(ok), ok).toBe(true);
    }
    for (const bad of ['', 'MM/DD/YY', 'MM/MM/YYYY', 'YYYY-MM', 'MM//DD/YYYY', 'MM/DD/YYYY ', 'mm/dd/yyyy']) {
      expect(isValidDateFormat(bad), bad).toBe(false);
    }
  });

  it('caps the number of entries and the note, listing every problem at once', () => {
    const many = Array.from({ length: 501 }, () => seeded[0]!);
    expect(problems(many, 'x'.repeat(501))).toEqual([
      { field: 'note', message: 'must be at most 500 characters' },
      { field: 'fields', message: 'must have at most 500 entries' },
    ]);
    expect(problems(seeded, 'x'.repeat(500))).toEqual([]);
  });
});

describe('validateEhrSystem', () => {
  const valid = (): EhrSystemInputLike => ({
    name: 'Cerner',
    baseUrl: 'https://cerner.ehr.example/api',
    endpoints: [
      {
        path: '/people',
        categories: ['DEMOGRAPHICS', 'INSURANCE', 'CARE_TEAM'],
        keys: [{ name: 'FULL_NAME', required: true }, { name: 'BIRTH' }],
        createsPatient: true,
      },
      { path: '/people/{ehrPatientId}/allergies', categories: ['ALLERGIES'], keys: [{ name: 'ALLERGY_LIST' }] },
    ],
    mapping: {
      fields: [
        { source: 'name', target: 'FULL_NAME', endpoint: '/people' },
        { source: 'allergies', target: 'ALLERGY_LIST', endpoint: '/people/{ehrPatientId}/allergies' },
      ],
    },
  });

  it('accepts a well-formed system', () => {
    expect(validateEhrSystem(valid(), ['Athena', 'Allscripts'], DEVELOPMENT).list).toEqual([]);
  });

  it('lists every problem of a bad system, its mapping included', () => {
    const input: EhrSystemInputLike = {
      name: 'athena',
      baseUrl: 'ftp://files.example',
      endpoints: [
        {
          path: 'people',
          categories: ['DEMOGRAPHICS', 'ALLERGIES'],
          keys: [{ name: 'FULL NAME' }, { name: 'OK' }, { name: 'OK' }],
          createsPatient: false,
        },
        { path: '/p', categories: ['ALLERGIES'], keys: [] },
        { path: '/p', categories: [], keys: [{ name: 'X', required: true }] },
      ],
      mapping: { fields: [{ source: 'name', target: 'MISSING', endpoint: 'people' }], note: 'n'.repeat(501) },
    };
    expect(validateEhrSystem(input, ['Athena'], DEVELOPMENT).list).toEqual([
      { field: 'name', message: 'is already the name of an EHR system' },
      { field: 'baseUrl', message: 'must be an absolute http or https URL' },
      { field: 'endpoints', message: 'must have exactly one endpoint that creates the patient' },
      { field: 'endpoints[0].path', message: 'must start with / and have no spaces (at most 200 characters)' },
      { field: 'endpoints[0].keys[0].name', message: 'must be 1 to 64 letters, digits or underscores' },
      { field: 'endpoints[0].keys[2].name', message: 'is listed twice on this endpoint' },
      { field: 'endpoints[1].categories[0]', message: 'ALLERGIES is already sent to endpoints[0]' },
      { field: 'endpoints[2].path', message: 'is the path of another endpoint' },
      { field: 'mapping.note', message: 'must be at most 500 characters' },
      // The mapping is checked against the endpoints as submitted, bad as they are.
      { field: 'mapping.fields[0].target', message: 'is not a key people accepts' },
      { field: 'mapping.fields', message: 'must map X, which /p requires' },
    ]);
  });

  it('wants a name of 2 to 60 characters, an absolute URL and at least one endpoint', () => {
    const input = { ...valid(), name: ' x ', baseUrl: '/relative', endpoints: [] };
    expect(validateEhrSystem(input, [], DEVELOPMENT).list.map((p) => p.field)).toEqual([
      'name',
      'baseUrl',
      'endpoints',
      'endpoints',
      'mapping.fields[0].endpoint',
      'mapping.fields[1].endpoint',
    ]);
    expect(validateEhrSystem({ ...valid(), name: 'n'.repeat(61) }, [], DEVELOPMENT).list).toEqual([
      { field: 'name', message: 'must be 2 to 60 characters' },
    ]);
    expect(
      validateEhrSystem(
        { ...valid(), endpoints: [...valid().endpoints, { ...valid().endpoints[0]!, path: '/two' }] },
        [],
        DEVELOPMENT,
      ).list,
    ).toEqual([
      { field: 'endpoints', message: 'must have exactly one endpoint that creates the patient' },
      { field: 'endpoints[2].categories[0]', message: 'DEMOGRAPHICS is already sent to endpoints[0]' },
      { field: 'endpoints[2].categories[1]', message: 'INSURANCE is already sent to endpoints[0]' },
      { field: 'endpoints[2].categories[2]', message: 'CARE_TEAM is already sent to endpoints[0]' },
      { field: 'mapping.fields', message: 'must map FULL_NAME, which /two requires' },
    ]);
  });

  it('refuses an endpoint path with a control or invisible character', () => {
    const [people, allergies] = valid().endpoints;
    const input = {
      ...valid(),
      endpoints: [people!, { ...allergies!, path: '/people/{ehrPatientId}/\u202Eallergies' }],
    };
    expect(validateEhrSystem(input, [], DEVELOPMENT).list).toEqual([
      { field: 'endpoints[1].path', message: 'contains a control or invisible character' },
      { field: 'mapping.fields[1].endpoint', message: 'is not an endpoint of this EHR system' },
    ]);
  });

  it('refuses a base URL on this machine, an internal network or the metadata service, without repeating it', () => {
    const internal = 'must point at a public address, not a loopback, private, link-local or reserved one';
    for (const baseUrl of [
      'http://127.0.0.1:4010/',
      'http://169.254.169.254/latest/',
      'http://[::ffff:127.0.0.1]/',
      'http://2130706433/',
      'http://localhost:8080',
    ]) {
      expect(validateEhrSystem({ ...valid(), baseUrl }, [], DEVELOPMENT).list).toEqual([
        { field: 'baseUrl', message: internal },
      ]);
    }
    expect(
      validateEhrSystem({ ...valid(), baseUrl: 'https://user:secret@cerner.ehr.example' }, [], DEVELOPMENT).list,
    ).toEqual([{ field: 'baseUrl', message: 'must not contain a user name or password' }]);
    const production = { requireHttps: true, allowedOrigins: new Set<string>() };
    expect(validateEhrSystem({ ...valid(), baseUrl: 'http://cerner.ehr.example' }, [], production).list).toEqual([
      { field: 'baseUrl', message: 'must use https' },
    ]);
  });

  it('refuses a look-alike of a name the organization sees, and invisible or mixed-script names', () => {
    const nameProblems = (name: string) => validateEhrSystem({ ...valid(), name }, ['Athena'], DEVELOPMENT).list;
    expect(nameProblems('Athen\u0430')).toEqual([
      { field: 'name', message: 'must be written in one script (not, e.g., Latin mixed with Cyrillic)' },
    ]);
    expect(nameProblems('Athe\u200Bna')).toEqual([
      { field: 'name', message: 'must not contain control or invisible characters' },
    ]);
    expect(nameProblems('ΑΤΗΕΝΑ')).toEqual([{ field: 'name', message: 'is already the name of an EHR system' }]);
    expect(nameProblems('  Ａｔｈｅｎａ ')).toEqual([
      { field: 'name', message: 'is already the name of an EHR system' },
    ]);
    expect(nameProblems('Cerner   Millennium')).toEqual([]);
  });
});
