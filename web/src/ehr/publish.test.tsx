import type { MockLink } from '@apollo/client/testing';
import { screen, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { setup } from '../test/setup-app';
import {
  ADMIN,
  MAPPING,
  ROUTE,
  field,
  input,
  pageMocks,
  publishMock,
  questionnairesMock,
  systemMock,
} from './fixtures';

/** Renames the gender target (the change) and adds a note. */
async function changeGender(mocks: MockLink.MockedResponse[] = []) {
  const view = setup({ route: ROUTE, user: ADMIN, mocks: [...pageMocks(), ...mocks] });
  await screen.findByLabelText('Source, row 1');
  await view.user.selectOptions(screen.getByLabelText('Target, row 2'), 'PATIENT_EMAIL_ID');
  await view.user.type(screen.getByLabelText('Note (optional)'), 'Gender to email');
  return view;
}

const changed = [MAPPING[0]!, field('gender', 'PATIENT_EMAIL_ID'), MAPPING[2]!];

describe('EHR mapping tool: publish', { timeout: 20_000 }, () => {
  it('asks for confirmation with the number of changes, publishes and shows the new version', async () => {
    const { user } = await changeGender([
      publishMock(input(changed, 'Gender to email'), {
        data: { publishEhrMapping: { __typename: 'EhrMapping', version: 4 } },
      }),
      systemMock(4, changed),
      questionnairesMock(),
    ]);

    await user.click(screen.getByRole('button', { name: 'Publish' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Publish version 4?' });
    expect(dialog).toHaveFocus();
    expect(dialog).toHaveTextContent('1 entry changes. (0 added, 0 removed, 1 changed)');
    expect(dialog).toHaveTextContent('Note: Gender to email');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm publish' }));

    expect(await screen.findByText('Version 4 published.')).toHaveFocus();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByText('No unpublished changes: this is version 4')).toBeInTheDocument();
    expect(screen.getByLabelText('Target, row 2')).toHaveValue('PATIENT_EMAIL_ID');
    expect(screen.getByLabelText('Note (optional)')).toHaveValue('');
  });

  it('cancels with Escape and gives the focus back', async () => {
    const { user } = await changeGender();
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Publish' })).toHaveFocus();
    expect(screen.getByText('You have unpublished changes')).toBeInTheDocument();
  });

  it('lists the server’s problems and marks the rows they are about', async () => {
    const { user } = await changeGender([
      publishMock(input(changed, 'Gender to email'), {
        errors: [
          new GraphQLError('Invalid input', {
            extensions: {
              code: 'BAD_USER_INPUT',
              problems: [
                { field: 'fields[1].target', message: 'is already mapped on /v1/patients' },
                { field: 'fields', message: 'must map GENDER_OF_PATIENT, which /v1/patients requires' },
              ],
            },
          }),
        ],
      }),
    ]);

    await user.click(screen.getByRole('button', { name: 'Publish' }));
    await user.click(screen.getByRole('button', { name: 'Confirm publish' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not published. Correct these problems:');
    expect(alert).toHaveTextContent('must map GENDER_OF_PATIENT, which /v1/patients requires');
    expect(alert).toHaveTextContent('Target, row 2 is already mapped on /v1/patients');
    const target = screen.getByLabelText('Target, row 2');
    expect(target).toHaveAttribute('aria-invalid', 'true');
    expect(target).toHaveAccessibleDescription('is already mapped on /v1/patients');
    expect(screen.getByLabelText('Target, row 1')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByText('You have unpublished changes')).toBeInTheDocument();

    // The summary takes the user to the row, and fixing the control clears its mark.
    await user.click(within(alert).getByRole('button', { name: 'Target, row 2' }));
    expect(target).toHaveFocus();
    await user.selectOptions(target, 'GENDER_OF_PATIENT');
    expect(target).not.toHaveAttribute('aria-invalid');
  });
});
