import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  audited,
  createLogger,
  DENIAL_REASONS,
  denialReason,
  deny,
  forbiddenBecause,
  InMemoryAuditLog,
  requireIntakeScope,
  requireOrganization,
  requireRole,
  requireStaff,
  requireUnusedLink,
  type IntakeViewer,
  type StaffViewer,
  type Viewer,
} from '../src';

const CLINICIAN: StaffViewer = { kind: 'staff', userId: 'user-1', organizationId: 'org-riverside', role: 'CLINICIAN' };
const ADMIN: StaffViewer = { ...CLINICIAN, userId: 'user-2', role: 'ADMIN' };
const LINK: IntakeViewer = {
  kind: 'intake',
  linkId: 'link-1',
  patientId: 'pt-1',
  organizationId: 'org-riverside',
  questionnaireId: 'qn-1',
};

function setup(viewer: Viewer) {
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('test', {}, (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  return { context: { viewer, logger }, logs };
}

/** What a guard threw: the client's code and message, and the reason the audit records. */
function refusal(run: () => unknown): { code: unknown; message: string; reason: string | undefined } | 'passed' {
  try {
    run();
    return 'passed';
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { code: error.extensions['code'], message: error.message, reason: denialReason(error) };
  }
}

describe('requireStaff and requireRole', () => {
  it('answer the staff viewer, and refuse an intake link as NOT_STAFF', () => {
    expect(requireStaff(setup(CLINICIAN).context)).toBe(CLINICIAN);
    expect(requireRole(setup(ADMIN).context, ['ADMIN'])).toBe(ADMIN);
    const { context, logs } = setup(LINK);
    expect(refusal(() => requireStaff(context, { log: { action: 'patient' } }))).toEqual({
      code: 'FORBIDDEN',
      message: 'An intake link only allows answering its questionnaire.',
      reason: 'NOT_STAFF',
    });
    expect(refusal(() => requireRole(context, ['ADMIN']))).toMatchObject({ reason: 'NOT_STAFF' });
    expect(logs.map(({ time: _time, ...rest }) => rest)).toEqual([
      {
        level: 'warn',
        service: 'test',
        event: 'auth.denied',
        viewerKind: 'intake',
        linkId: 'link-1',
        viewerOrganizationId: 'org-riverside',
        action: 'patient',
        reason: 'NOT_STAFF',
      },
      expect.objectContaining({ event: 'auth.denied', reason: 'NOT_STAFF' }),
    ]);
  });

  it('refuse a role not allowed as ROLE_REQUIRED, worded by default or by the caller', () => {
    const { context, logs } = setup(CLINICIAN);
    expect(refusal(() => requireRole(context, ['ADMIN']))).toEqual({
      code: 'FORBIDDEN',
      message: 'This needs the ADMIN role.',
      reason: 'ROLE_REQUIRED',
    });
    expect(refusal(() => requireRole(context, ['ADMIN'], { message: 'Admins only.' }))).toMatchObject({
      message: 'Admins only.',
      reason: 'ROLE_REQUIRED',
    });
    expect(logs.map((l) => [l['reason'], l['userId'], l['role']])).toEqual([
      ['ROLE_REQUIRED', 'user-1', 'CLINICIAN'],
      ['ROLE_REQUIRED', 'user-1', 'CLINICIAN'],
    ]);
  });
});

describe('requireOrganization', () => {
  it('passes the own organization and refuses another as OTHER_ORGANIZATION, logging which', () => {
    const { context, logs } = setup(CLINICIAN);
    expect(refusal(() => requireOrganization(context, 'org-riverside'))).toBe('passed');
    expect(
      refusal(() =>
        requireOrganization(context, 'org-lakeside', {
          message: 'This patient belongs to another organization.',
          log: { patientId: 'pt-4' },
        }),
      ),
    ).toEqual({
      code: 'FORBIDDEN',
      message: 'This patient belongs to another organization.',
      reason: 'OTHER_ORGANIZATION',
    });
    expect(refusal(() => requireOrganization(context, 'org-lakeside'))).toMatchObject({
      message: 'This record belongs to another organization.',
    });
    expect(logs.map((l) => [l['reason'], l['patientId'], l['organizationId']])).toEqual([
      ['OTHER_ORGANIZATION', 'pt-4', 'org-lakeside'],
      ['OTHER_ORGANIZATION', undefined, 'org-lakeside'],
    ]);
  });

  it('holds for an intake link too: its organization is the one it was issued for', () => {
    const { context } = setup(LINK);
    expect(refusal(() => requireOrganization(context, 'org-riverside'))).toBe('passed');
    expect(refusal(() => requireOrganization(context, 'org-lakeside'))).toMatchObject({ reason: 'OTHER_ORGANIZATION' });
  });
});

describe('intake link guards', () => {
  it('requireIntakeScope passes the link’s own ids and staff, and refuses any other id as INTAKE_LINK_SCOPE', () => {
    const { context, logs } = setup(LINK);
    expect(refusal(() => requireIntakeScope(context, { patientId: 'pt-1', questionnaireId: 'qn-1' }))).toBe('passed');
    expect(refusal(() => requireIntakeScope(context, {}))).toBe('passed');
    for (const ids of [
      { patientId: 'pt-2' },
      { questionnaireId: 'qn-2' },
      { patientId: 'pt-1', questionnaireId: 'qn-2' },
    ]) {
      expect(refusal(() => requireIntakeScope(context, ids, { message: 'Not this one.', log: ids }))).toEqual({
        code: 'FORBIDDEN',
        message: 'Not this one.',
        reason: 'INTAKE_LINK_SCOPE',
      });
    }
    expect(logs.map((l) => [l['reason'], l['patientId'], l['questionnaireId']])).toEqual([
      ['INTAKE_LINK_SCOPE', 'pt-2', undefined],
      ['INTAKE_LINK_SCOPE', undefined, 'qn-2'],
      ['INTAKE_LINK_SCOPE', 'pt-1', 'qn-2'],
    ]);
    expect(refusal(() => requireIntakeScope(setup(CLINICIAN).context, { patientId: 'pt-2' }))).toBe('passed');
  });

  it('requireUnusedLink refuses a used link as INTAKE_LINK_USED, asking about that link; staff pass', () => {
    const asked: string[] = [];
    const used = (link: IntakeViewer) => {
      asked.push(link.linkId);
      return true;
    };
    expect(refusal(() => requireUnusedLink(setup(LINK).context, () => false))).toBe('passed');
    expect(refusal(() => requireUnusedLink(setup(LINK).context, used, { message: 'Used.' }))).toEqual({
      code: 'FORBIDDEN',
      message: 'Used.',
      reason: 'INTAKE_LINK_USED',
    });
    expect(refusal(() => requireUnusedLink(setup(CLINICIAN).context, used))).toBe('passed');
    expect(asked).toEqual(['link-1']);
  });
});

describe('reason codes', () => {
  it('deny keeps its reason over a log field of the same name; forbiddenBecause tags without logging', () => {
    const { context, logs } = setup(CLINICIAN);
    const error = deny(context, 'SHARED_RECORD', { log: { reason: 'spoofed' } });
    expect([error.extensions['code'], denialReason(error), logs[0]?.['reason']]).toEqual([
      'FORBIDDEN',
      'SHARED_RECORD',
      'SHARED_RECORD',
    ]);
    expect(denialReason(forbiddenBecause('ORGANIZATION_EXISTS', 'Registered.'))).toBe('ORGANIZATION_EXISTS');
    expect(logs).toHaveLength(1);
    expect(denialReason(new GraphQLError('x', { extensions: { code: 'FORBIDDEN' } }))).toBeUndefined();
  });

  it('are what a DENIED audit record says', async () => {
    const { context: access } = setup(LINK);
    const context = { ...access, requestId: 'req-1', audit: new InMemoryAuditLog({ service: 'test', key: 'k' }) };
    await expect(
      audited(context, { action: 'patient.read', patientIds: ['pt-1'] }, () => requireStaff(access)),
    ).rejects.toThrow(GraphQLError);
    expect(context.audit.all().map((r) => [r.outcome, r.detail])).toEqual([['DENIED', 'NOT_STAFF']]);
  });

  it('are each documented in the README’s PHI audit log section', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(
      readme.indexOf('## PHI audit log'),
      readme.indexOf('\n## ', readme.indexOf('## PHI audit log') + 1),
    );
    for (const reason of DENIAL_REASONS) expect(section).toContain(`\`${reason}\``);
  });
});
