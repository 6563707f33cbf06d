import { FORMULA_START_PROBLEM, nameCharacterMessage } from '@carebridge/common';
import { normalizeText } from '@carebridge/domain';
import { passwordIssue } from './passwords';
import type { AuthProblem } from './results';

export interface NewOrganization {
  name: string;
  kind: 'HOSPITAL' | 'CLINIC';
  ehrSystemId: string;
}

/** A sign-up's fields, normalized, and what is wrong with them (each problem with its code). */
export interface SignupInput {
  email: string;
  password: string;
  name: string;
  inviteCode: string | undefined;
  /** The clinic to register, when there is no invite code. */
  organization: NewOrganization | undefined;
  problems: AuthProblem[];
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[A-Za-z]{2,}$/;
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A name (NFC, trimmed) of `min` to `max` characters that the text rule accepts and that does not start like a formula. */
function checkName(problems: AuthProblem[], field: string, name: string, min: number, max: number): void {
  if (name.length < min || name.length > max) {
    problems.push({ field, message: `must be ${min} to ${max} characters`, code: 'INVALID_LENGTH' });
    return;
  }
  const message = nameCharacterMessage(name);
  if (message)
    problems.push({ field, message, code: message === FORMULA_START_PROBLEM ? 'FORMULA_START' : 'INVALID_CHARACTERS' });
}

function parseOrganization(value: unknown, problems: AuthProblem[]): NewOrganization | undefined {
  if (typeof value !== 'object' || value === null) {
    problems.push({
      field: 'organization',
      message: 'is required to register a clinic (or give an invite code)',
      code: 'REQUIRED',
    });
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const name = normalizeText(text(record['name']) ?? '').trim();
  const kind = record['kind'] ?? 'CLINIC';
  const ehrSystemId = text(record['ehrSystemId']) ?? '';
  checkName(problems, 'organization.name', name, 2, 120);
  if (kind !== 'HOSPITAL' && kind !== 'CLINIC')
    problems.push({ field: 'organization.kind', message: 'must be HOSPITAL or CLINIC', code: 'INVALID_CHOICE' });
  if (!ehrSystemId) problems.push({ field: 'organization.ehrSystemId', message: 'is required', code: 'REQUIRED' });
  return { name, kind: kind === 'HOSPITAL' ? 'HOSPITAL' : 'CLINIC', ehrSystemId };
}

/** Reads a sign-up body: a new clinic (`organization`) or an invite code, never both. */
export function parseSignup(body: Record<string, unknown>): SignupInput {
  const email = text(body['email'])?.trim().toLowerCase() ?? '';
  const password = text(body['password']) ?? '';
  const name = normalizeText(text(body['name']) ?? '').trim();
  const inviteCode = text(body['inviteCode'])?.trim();
  const problems: AuthProblem[] = [];
  if (!EMAIL.test(email)) problems.push({ field: 'email', message: 'is not an email address', code: 'INVALID_EMAIL' });
  const password_ = passwordIssue(password, { email, name });
  if (password_) problems.push({ field: 'password', ...password_ });
  checkName(problems, 'name', name, 1, 100);
  let organization: NewOrganization | undefined;
  if (inviteCode === undefined) {
    organization = parseOrganization(body['organization'], problems);
  } else if (body['organization'] !== undefined) {
    problems.push({
      field: 'organization',
      message: 'give either an organization to register or an invite code, not both',
      code: 'INVITE_OR_ORGANIZATION',
    });
  }
  return { email, password, name, inviteCode, organization, problems };
}
