import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setup } from '../test/setup-app';
import { codeLineProblems } from './draft';
import { sourceLabel } from './sources';
import {
  ADMIN,
  ATHENA,
  MAPPING,
  ROUTE,
  field,
  input,
  pageMocks,
  publishMock,
  questionnairesMock,
  systemMock,
} from './fixtures';

const STORED = `carebridge.mappingDraft.${ADMIN.organizationId}.${ATHENA}`;
const stored = () => JSON.parse(window.localStorage.getItem(STORED) ?? 'null') as { baseVersion: number } | null;

async function open(mocks = pageMocks()) {
  const view = setup({ route: ROUTE, user: ADMIN, mocks });
  await screen.findByLabelText('Source, row 1');
  return view;
}

describe('EHR mapping tool: the draft is never lost', { timeout: 20_000 }, () => {
  it('keeps the draft in the browser, so it is back after leaving the page or reloading it', async () => {
    const first = await open();
    await first.user.selectOptions(screen.getByLabelText('Target, row 2'), 'PATIENT_EMAIL_ID');
    expect(stored()).toMatchObject({ baseVersion: 3 });
    first.unmount();

    await open();
    expect(screen.getByLabelText('Target, row 2')).toHaveValue('PATIENT_EMAIL_ID');
    expect(screen.getByText('You have unpublished changes')).toBeInTheDocument();
  });

  it('asks before the page is left or reloaded with unpublished changes, and not without', async () => {
    const { user } = await open();
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).toBe(false);
    await user.selectOptions(screen.getByLabelText('Target, row 2'), 'PATIENT_EMAIL_ID');
    expect(leave()).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(leave()).toBe(false);
    expect(stored()).toBeNull();
  });

  it('offers the stale-draft choices for a stored draft started from an older version', async () => {
    window.localStorage.setItem(
      STORED,
      JSON.stringify({
        baseVersion: 2,
        note: '',
        rows: MAPPING.map((f, i) => ({
          id: `v2-${i}`,
          source: f.source,
          endpoint: f.endpoint,
          target: i === 1 ? 'PATIENT_EMAIL_ID' : f.target,
          transformKind: '',
          dateFormat: '',
          codes: '',
        })),
      }),
    );
    await open();
    expect(await screen.findByText('Version 3 was published by someone else since you started.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start again from version 3' })).toBeInTheDocument();
    expect(screen.getByLabelText('Target, row 2')).toHaveValue('PATIENT_EMAIL_ID');
  });

  it('forgets the stored draft once it is published', async () => {
    const changed = [MAPPING[0]!, field('gender', 'PATIENT_EMAIL_ID'), MAPPING[2]!];
    const { user } = await open([
      ...pageMocks(),
      publishMock(input(changed), { data: { publishEhrMapping: { __typename: 'EhrMapping', version: 4 } } }),
      systemMock(4, changed),
      questionnairesMock(),
    ]);
    await user.selectOptions(screen.getByLabelText('Target, row 2'), 'PATIENT_EMAIL_ID');
    expect(stored()).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    await user.click(screen.getByRole('button', { name: 'Confirm publish' }));
    expect(await screen.findByText('Version 4 published.')).toBeInTheDocument();
    expect(stored()).toBeNull();
  });
});

describe('EHR mapping tool: code table lines', { timeout: 20_000 }, () => {
  it('finds a line without “=”, an empty side and a value listed twice', () => {
    expect(codeLineProblems('FEMALE=F\nMALE\n\n=X\nOTHER=\nFEMALE=W')).toEqual([
      { line: 2, problem: 'noEquals' },
      { line: 4, problem: 'emptyFrom' },
      { line: 5, problem: 'emptyTo' },
      { line: 6, problem: 'duplicate' },
    ]);
  });

  it('says what is wrong as it is typed, and does not publish until it is fixed', async () => {
    const { user } = await open();
    await user.selectOptions(screen.getByLabelText('Transform, row 2'), 'Code table');
    const codes = screen.getByLabelText('Codes, row 2');
    await user.type(codes, 'FEMALE=F{Enter}MALE');
    expect(codes).toHaveAttribute('aria-invalid', 'true');
    expect(codes).toHaveAccessibleDescription(
      expect.stringContaining('Line 2: write the platform’s value, an equals sign and the EHR’s value (FEMALE=F).'),
    );

    await user.click(screen.getByRole('button', { name: 'Publish' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Row 2 has code table lines that cannot be sent: fix them, then publish.',
    );
    expect(screen.queryByRole('region', { name: /Publish version/ })).not.toBeInTheDocument();
    expect(codes).toHaveFocus();

    await user.type(codes, '=M');
    expect(codes).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    expect(screen.getByRole('region', { name: 'Publish version 4?' })).toBeInTheDocument();
  });
});

describe('EHR mapping tool: sources by name', { timeout: 20_000 }, () => {
  it('falls back to the raw source for a field or question it does not know', () => {
    const t = (key: string) => `[${key}]`;
    expect(sourceLabel(t, { questionnaires: [] }, 'dob')).toBe('[ehr.field.dob]');
    expect(sourceLabel(t, { questionnaires: [] }, 'shoeSize')).toBe('shoeSize');
    expect(sourceLabel(t, { questionnaires: undefined }, 'question:cough')).toBe('question:cough');
  });

  it('names canonical fields in the chosen language', async () => {
    const { user } = await open();
    const source = screen.getByLabelText('Source, row 1');
    expect(within(source).getByRole('option', { name: 'Date of birth' })).toHaveValue('dob');
    await user.selectOptions(screen.getByLabelText('Language'), 'es');
    await waitFor(() => expect(within(source).getByRole('option', { name: 'Fecha de nacimiento' })).toHaveValue('dob'));
  });
});
