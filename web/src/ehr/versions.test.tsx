import type { MockLink } from '@apollo/client/testing';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setup } from '../test/setup-app';
import {
  ADMIN,
  ATHENA,
  MAPPING,
  OTHER_ADMIN_ID,
  ROUTE,
  field,
  pageMocks,
  questionnairesMock,
  systemMock,
  toolMock,
  versionConflict,
} from './fixtures';
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

async function open(mocks: MockLink.MockedResponse[] = [], page = pageMocks()) {
  const view = setup({ route: ROUTE, user: ADMIN, mocks: [...page, ...mocks] });
  await screen.findByLabelText('Source, row 1');
  return view;
}

const rollbackMock = (
  version: number,
  expectedVersion: number,
  result: MockLink.MockedResponse['result'],
): MockLink.MockedResponse => ({
  request: { query: EhrRollbackMappingMutation, variables: { ehrSystemId: ATHENA, version, expectedVersion } },
  result,
});

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

  it('names who published each version without showing user ids', async () => {
    const by = (v: number) => (v === 1 ? 'seed' : v === 2 ? OTHER_ADMIN_ID : ADMIN.id);
    await open([], [toolMock(), systemMock(3, MAPPING, { by }), questionnairesMock()]);
    const versions = screen.getByRole('table', { name: 'Published versions, newest first' });
    const publishers = within(versions)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell')[1]!.textContent);
    expect(publishers).toEqual(['You', 'Another administrator', 'Platform']);
    expect(versions).not.toHaveTextContent(OTHER_ADMIN_ID);
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
      /^AddedDate of birthdob—\/v1\/patients → DATE_OF_BIRTH_PATIENT \(Date format: MM\/DD\/YYYY\)$/,
    );
    expect(rows[1]).toHaveTextContent(/^RemovedEmailemail\/v1\/patients → PATIENT_EMAIL_ID—$/);
    expect(rows[2]).toHaveTextContent(
      /^ChangedNamename\/v1\/patients → PATIENT_NAME\/v1\/patients → PATIENT_IDENT_NAME$/,
    );
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
      rollbackMock(2, 3, { data: { rollbackEhrMapping: { __typename: 'EhrMapping', version: 4, restoredFrom: 2 } } }),
      systemMock(4, restored),
      questionnairesMock(),
    ]);

    const trigger = screen.getByRole('button', { name: 'Roll back to version 2' });
    await user.click(trigger);
    const panel = screen.getByRole('region', { name: 'Roll back to version 2?' });
    expect(panel).toHaveFocus();
    expect(panel).toHaveTextContent('Version 2 is published again as version 4.');
    await user.click(within(panel).getByRole('button', { name: 'Cancel' }));
    expect(trigger).toHaveFocus();

    await user.click(trigger);
    await user.click(screen.getByRole('button', { name: 'Confirm rollback' }));

    const published = await screen.findByText('Version 4 published: version 2 is back in force.');
    await waitFor(() => expect(published).toHaveFocus());
    expect(screen.getByText('No unpublished changes: this is version 4')).toBeInTheDocument();
    expect(screen.queryByLabelText('Source, row 3')).not.toBeInTheDocument();
  });

  it('rolls back nothing when someone published since: says so, with the focus, and refreshes the list', async () => {
    const { user } = await open([
      rollbackMock(2, 3, versionConflict(3, 4)),
      systemMock(4, MAPPING, { by: (v) => (v === 1 ? 'seed' : v === 4 ? OTHER_ADMIN_ID : ADMIN.id) }),
      questionnairesMock(),
    ]);
    await user.click(screen.getByRole('button', { name: 'Roll back to version 2' }));
    await user.click(screen.getByRole('button', { name: 'Confirm rollback' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Nothing was rolled back: version 4 was published by someone else since you loaded this page.',
    );
    await waitFor(() => expect(alert).toHaveFocus());
    const versions = screen.getByRole('table', { name: 'Published versions, newest first' });
    await waitFor(() => expect(within(versions).getAllByRole('row')[1]).toHaveTextContent('Version 4 Current'));
    expect(within(versions).getAllByRole('row')[1]).toHaveTextContent('Another administrator');
    expect(screen.queryByRole('region', { name: 'Roll back to version 2?' })).not.toBeInTheDocument();
  });

  it('moves the focus to the alert when a rollback fails', async () => {
    const { user } = await open([{ ...rollbackMock(2, 3, undefined), error: new Error('offline') }]);
    await user.click(screen.getByRole('button', { name: 'Roll back to version 2' }));
    await user.click(screen.getByRole('button', { name: 'Confirm rollback' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The rollback did not happen.');
    await waitFor(() => expect(alert).toHaveFocus());
  });
});
