/**
 * The imitated EHR APIs, as data. Adding a third EHR means adding one more `EhrSpec` here: the
 * router, the validator, the store and the control API all work from these objects.
 *
 * Validators describe a problem in words and never repeat the value: request values are PHI.
 */

/** Returns what is wrong with a value, or undefined when it is acceptable. */
export type Validator = (value: unknown) => string | undefined;

export interface KeySpec {
  key: string;
  /** A required key must be present (not undefined); its validator still decides about null. */
  required?: boolean;
  /** Without one, any JSON value is accepted, null included. */
  validate?: Validator;
}

/**
 * - `create`: makes a new patient from the body (its demographics); answers 201.
 * - `replace`: replaces an existing patient's demographics with the body; answers 200.
 * - `append`: adds the body to the patient's list for this endpoint; answers 200.
 */
export type EndpointAction = 'create' | 'replace' | 'append';

export type WriteMethod = 'POST' | 'PUT';

export interface EndpointSpec {
  /** Relative to the EHR's base path; `{ehrPatientId}` matches one path segment. */
  path: string;
  method: WriteMethod;
  action: EndpointAction;
  keys: KeySpec[];
  /** When set, a body with none of the keys is refused (for endpoints whose keys are all optional). */
  requireAtLeastOneKey?: boolean;
}

export interface EhrSpec {
  /** Used in the control API: `/_sandbox/ehrs/{id}/…`. */
  id: string;
  /** Where its API is served, e.g. `/athena`. */
  basePath: string;
  /** Patient ids are `<prefix>-000001`, `<prefix>-000002`, … */
  idPrefix: string;
  endpoints: EndpointSpec[];
}

export const PATIENT_ID_PARAM = '{ehrPatientId}';

// --- validators -------------------------------------------------------------------------------

export const nonEmptyString: Validator = (value) =>
  typeof value === 'string' && value.trim() !== '' ? undefined : 'must be a non-empty string';

export function oneOf(...allowed: string[]): Validator {
  return (value) =>
    typeof value === 'string' && allowed.includes(value) ? undefined : `must be one of ${allowed.join(', ')}`;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `YYYY-MM-DD`, and a day that exists. */
export const isoDate: Validator = (value) => {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return match && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))
    ? undefined
    : 'must be a date written YYYY-MM-DD';
};

/** `MM/DD/YYYY`, and a day that exists. */
export const usDate: Validator = (value) => {
  const match = typeof value === 'string' ? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value) : null;
  return match && isCalendarDate(Number(match[3]), Number(match[1]), Number(match[2]))
    ? undefined
    : 'must be a date written MM/DD/YYYY';
};

const optional = (...keys: string[]): KeySpec[] => keys.map((key) => ({ key }));

// --- Athena -----------------------------------------------------------------------------------

const athenaDemographics: KeySpec[] = [
  { key: 'PATIENT_IDENT_NAME', required: true, validate: nonEmptyString },
  { key: 'GENDER_OF_PATIENT', required: true, validate: oneOf('FEMALE', 'MALE', 'OTHER', 'UNKNOWN') },
  { key: 'DATE_OF_BIRTH_PATIENT', required: true, validate: isoDate },
  ...optional(
    'PATIENT_LOCATION_ADDRESS',
    'TELEPHONE_NUMBER_PATIENT',
    'PATIENT_EMAIL_ID',
    'EMERGENCY_CONTACT_PATIENT',
    'INSURANCE_PROVIDER_PATIENT',
    'POLICY_NUMBER_INSURANCE_PATIENT',
    'PRIMARY_CARE_DOCTOR_PATIENT',
  ),
];

const athenaClinical = (suffix: string, ...keys: string[]): EndpointSpec => ({
  path: `/v1/patients/${PATIENT_ID_PARAM}/${suffix}`,
  method: 'POST',
  action: 'append',
  keys: optional(...keys),
  requireAtLeastOneKey: true,
});

export const athena: EhrSpec = {
  id: 'athena',
  basePath: '/athena',
  idPrefix: 'ATH',
  endpoints: [
    { path: '/v1/patients', method: 'POST', action: 'create', keys: athenaDemographics },
    { path: `/v1/patients/${PATIENT_ID_PARAM}`, method: 'PUT', action: 'replace', keys: athenaDemographics },
    athenaClinical('symptoms', 'SYMPTOMS_CURRENT_PATIENT'),
    athenaClinical('allergies', 'ALLERGIES_PATIENT'),
    athenaClinical('medications', 'PATIENT_MEDICATIONS_CURRENT'),
    athenaClinical('history/medical', 'HISTORY_MEDICAL_PATIENT'),
    athenaClinical('history/social', 'HISTORY_SOCIAL_PATIENT'),
    athenaClinical('history/family', 'HISTORY_FAMILY_PATIENT'),
  ],
};

// --- Allscripts -------------------------------------------------------------------------------

const allscriptsDemographics: KeySpec[] = [
  { key: 'NAME_OF_PAT', required: true, validate: nonEmptyString },
  { key: 'GENDER_PAT', required: true, validate: oneOf('M', 'F', 'O', 'U') },
  { key: 'BIRTHDATE_OF_PAT', required: true, validate: usDate },
  ...optional(
    'ADDRESS_PAT',
    'PHONE_NUMBER_PAT',
    'EMAIL_ID_PAT',
    'EMERGENCY_CONTACT_PAT',
    'PROVIDER_INSURANCE_PAT',
    'POLICY_NUM_INSURANCE_PAT',
    'PRIMARY_CARE_DOC_PAT',
  ),
];

const allscriptsClinical = (suffix: string, ...keys: string[]): EndpointSpec => ({
  path: `/api/patient/${PATIENT_ID_PARAM}/${suffix}`,
  method: 'POST',
  action: 'append',
  keys: optional(...keys),
  requireAtLeastOneKey: true,
});

export const allscripts: EhrSpec = {
  id: 'allscripts',
  basePath: '/allscripts',
  idPrefix: 'ALS',
  endpoints: [
    { path: '/api/patient', method: 'POST', action: 'create', keys: allscriptsDemographics },
    { path: `/api/patient/${PATIENT_ID_PARAM}`, method: 'PUT', action: 'replace', keys: allscriptsDemographics },
    allscriptsClinical('problems', 'CURRENT_SYMPTOMS_PAT', 'HISTORY_MEDICAL_PAT'),
    allscriptsClinical('allergies', 'ALLERGIES_PAT'),
    allscriptsClinical('medications', 'CURRENT_MEDS_PAT'),
    allscriptsClinical('history', 'SOCIAL_HISTORY_PAT', 'FAMILY_HISTORY_PAT'),
  ],
};

export const defaultSpecs: readonly EhrSpec[] = [athena, allscripts];

// --- matching and validation ------------------------------------------------------------------

export interface Problem {
  key: string;
  message: string;
}

/** The `key` of a problem with the body as a whole (not a JSON object). */
export const BODY_KEY = '(body)';

/**
 * Checks a parsed body against an endpoint's keys and names every problem, in a stable order:
 * unknown keys, then the accepted keys in spec order. Messages never include values.
 */
export function validateBody(endpoint: EndpointSpec, body: unknown): Problem[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [{ key: BODY_KEY, message: 'must be a JSON object' }];
  }
  const record = body as Record<string, unknown>;
  const accepted = new Set(endpoint.keys.map((spec) => spec.key));
  const problems: Problem[] = [];
  for (const key of Object.keys(record)) {
    if (!accepted.has(key)) problems.push({ key, message: 'is not accepted by this endpoint' });
  }
  for (const spec of endpoint.keys) {
    const value = record[spec.key];
    if (value === undefined) {
      if (spec.required) problems.push({ key: spec.key, message: 'is required' });
      continue;
    }
    const message = spec.validate?.(value);
    if (message) problems.push({ key: spec.key, message });
  }
  if (endpoint.requireAtLeastOneKey && !endpoint.keys.some((spec) => record[spec.key] !== undefined)) {
    problems.push({
      key: BODY_KEY,
      message: `must contain at least one of ${endpoint.keys.map((spec) => spec.key).join(', ')}`,
    });
  }
  return problems;
}

export interface RouteMatch {
  ehr: EhrSpec;
  /** The endpoints whose path matches, whatever their method. */
  endpoints: EndpointSpec[];
  ehrPatientId?: string;
}

function matchPath(pattern: string, path: string): { matched: boolean; ehrPatientId?: string } {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return { matched: false };
  let ehrPatientId: string | undefined;
  for (let i = 0; i < want.length; i++) {
    const segment = got[i] ?? '';
    if (want[i] === PATIENT_ID_PARAM) {
      if (segment === '') return { matched: false };
      try {
        ehrPatientId = decodeURIComponent(segment);
      } catch {
        ehrPatientId = segment;
      }
    } else if (want[i] !== segment) {
      return { matched: false };
    }
  }
  return { matched: true, ehrPatientId };
}

/** The EHR whose base path the pathname is under, if any. */
export function findEhr(specs: readonly EhrSpec[], pathname: string): EhrSpec | undefined {
  return specs.find((ehr) => pathname === ehr.basePath || pathname.startsWith(ehr.basePath + '/'));
}

/** Which endpoints of which EHR a pathname names; undefined when none (a 404). */
export function matchRoute(specs: readonly EhrSpec[], pathname: string): RouteMatch | undefined {
  const ehr = findEhr(specs, pathname);
  if (!ehr) return undefined;
  const rest = pathname.slice(ehr.basePath.length);
  const endpoints: EndpointSpec[] = [];
  let ehrPatientId: string | undefined;
  for (const endpoint of ehr.endpoints) {
    const result = matchPath(endpoint.path, rest);
    if (result.matched) {
      endpoints.push(endpoint);
      ehrPatientId = result.ehrPatientId;
    }
  }
  return endpoints.length > 0 ? { ehr, endpoints, ehrPatientId } : undefined;
}
