import type { MockLink } from '@apollo/client/testing';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setup } from '../test/setup-app';
import { ADMIN, ATHENA, MAPPING, ROUTE, field, pageMocks, questionnairesMock, systemMock } from './fixtures';
import { EhrMappingDiffQuery, EhrRollbackMappingMutation } from './operations';

const diffMock = {
  request: { query: EhrMappingDiffQuery, variables: { id: ATHENA, from: 1, to: 3 } },
  result: {
    data: {
      ehrSystem: {
        __typename: 'EhrSystem',
        id: ATHENA,
        mappingDiff: [
          { __typename: 'FieldMappingChange', kind: 'ADDED', source: 'dob', before: null, after: MAPPING[2] },
          {
            __typename: 'FieldMappingChange',
            kind: 'REMOVED',
            source: 'email',
            before: field('email', 'PATIENT_EMAIL_ID'),
            after: null,
          },
          {
            __typename: 'FieldMappingChange',
            kind: 'CHANGED',
            source: 'name',
            before: field('name', 'PATIENT_NAME'),
            after: MAPPING[0],
          },
        ],
      },
    },
  },
};

async function open(mocks: MockLink.MockedResponse[] = []) {
  const view = setup({ route: ROUTE, user: ADMIN, mocks: [...pageMocks(), ...mocks] });
  await screen.findByLabelText('Source, row 1');
  return view;
}

describe('EHR mapping tool: versions', { timeout: 20_000 }, () => {
  it('lists the versions, the current one marked', async () => {
    await open();
    const versions = screen.getByRole('table', { name: 'Published versions, newest first' });
    const rows = within(versions).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'Version 3 Current',
      'Version 2',
      'Version 1',
    ]);
    expect(rows[0]).toHaveTextContent('You');
    expect(rows[2]).toHaveTextContent('Platform');
    expect(within(rows[0]!).queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows what changed between two chosen versions, in words', async () => {
    const { user } = await open([diffMock]);
    expect(screen.getByLabelText('From version')).toHaveValue('2');
    expect(screen.getByLabelText('To version')).toHaveValue('3');

    await user.selectOptions(screen.getByLabelText('From version'), 'Version 1');
    await user.click(screen.getByRole('button', { name: 'Show changes' }));

    const diff = await screen.findByRole('table', { name: 'Changes from version 1 to version 3' });
    const rows = within(diff).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent(
      /^Addeddob—\/v1\/patients → DATE_OF_BIRTH_PATIENT \(Date format: MM\/DD\/YYYY\)$/,
    );
    expect(rows[1]).toHaveTextContent(/^Removedemail\/v1\/patients → PATIENT_EMAIL_ID—$/);
    expect(rows[2]).toHaveTextContent(/^Changedname\/v1\/patients → PATIENT_NAME\/v1\/patients → PATIENT_IDENT_NAME$/);
  });

  it('refuses to compare a version with itself', async () => {
    const { user } = await open();
    await user.selectOptions(screen.getByLabelText('From version'), 'Version 3');
    await user.click(screen.getByRole('button', { name: 'Show changes' }));
    expect(screen.getByLabelText('To version')).toHaveAccessibleDescription('Choose two different versions.');
    expect(screen.queryByRole('table', { name: /Changes from/ })).not.toBeInTheDocument();
  });

  it('rolls back to an earlier version after confirmation', async () => {
    const restored = [MAPPING[0]!, MAPPING[1]!];
    const { user } = await open([
      {
        request: { query: EhrRollbackMappingMutation, variables: { ehrSystemId: ATHENA, version: 2 } },
        result: { data: { rollbackEhrMapping: { __typename: 'EhrMapping', version: 4, restoredFrom: 2 } } },
      },
      systemMock(4, restored),
      questionnairesMock(),
    ]);

    const trigger = screen.getByRole('button', { name: 'Roll back to version 2' });
    await user.click(trigger);
    const dialog = screen.getByRole('alertdialog', { name: 'Roll back to version 2?' });
    expect(dialog).toHaveTextContent('Version 2 is published again as version 4.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(trigger).toHaveFocus();

    await user.click(trigger);
    await user.click(screen.getByRole('button', { name: 'Confirm rollback' }));

    expect(await screen.findByText('Version 4 published: version 2 is back in force.')).toHaveFocus();
    expect(screen.getByText('No unpublished changes: this is version 4')).toBeInTheDocument();
    expect(screen.queryByLabelText('Source, row 3')).not.toBeInTheDocument();
  });
});
