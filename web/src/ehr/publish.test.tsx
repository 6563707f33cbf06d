import type { MockLink } from '@apollo/client/testing';
import { screen, waitFor, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { setup } from '../test/setup-app';
import {
  ADMIN,
  ATHENA,
  MAPPING,
  OTHER_ADMIN_ID,
  PATIENTS,
  ROUTE,
  field,
  input,
  pageMocks,
  publishMock,
  questionnairesMock,
  systemMock,
  versionConflict,
} from './fixtures';
import { EhrMappingDiffQuery } from './operations';

/** Renames the gender target (the change) and adds a note. */
async function changeGender(mocks: MockLink.MockedResponse[] = []) {
  const view = setup({ route: ROUTE, user: ADMIN, mocks: [...pageMocks(), ...mocks] });
  await screen.findByLabelText('Source, row 1');
  await view.user.selectOptions(screen.getByLabelText('Target, row 2'), 'PATIENT_EMAIL_ID');
  await view.user.type(screen.getByLabelText('Note (optional)'), 'Gender to email');
  return view;
}

const changed = [MAPPING[0]!, field('gender', 'PATIENT_EMAIL_ID'), MAPPING[2]!];

/** Version 4, which another administrator published while the test's admin edited version 3. */
const compactDob = field('dob', 'DATE_OF_BIRTH_PATIENT', PATIENTS, {
  __typename: 'ValueTransform',
  kind: 'DATE_FORMAT',
  dateFormat: 'YYYYMMDD',
  codes: null,
});
const theirs = [MAPPING[0]!, MAPPING[1]!, compactDob];
const byOther = (v: number) => (v === 1 ? 'seed' : v === 4 ? OTHER_ADMIN_ID : ADMIN.id);
/** The refresh after the conflict: version 4 is current. */
const theirsMocks = () => [systemMock(4, theirs, { by: byOther }), questionnairesMock()];
const diff3to4: MockLink.MockedResponse = {
  request: { query: EhrMappingDiffQuery, variables: { id: ATHENA, from: 3, to: 4 } },
  result: {
    data: {
      ehrSystem: {
        __typename: 'EhrSystem',
        id: ATHENA,
        mappingDiff: [
          { __typename: 'FieldMappingChange', kind: 'CHANGED', source: 'dob', before: MAPPING[2], after: compactDob },
        ],
      },
    },
  },
};
const CONFLICT = 'Version 4 was published by someone else since you started.';

describe('EHR mapping tool: publish', { timeout: 20_000 }, () => {
  it('asks for confirmation with the number of changes, publishes and shows the new version', async () => {
    const { user } = await changeGender([
      publishMock(
        input(changed, 'Gender to email'),
        { data: { publishEhrMapping: { __typename: 'EhrMapping', version: 4 } } },
        { delay: 300 },
      ),
      systemMock(4, changed),
      questionnairesMock(),
    ]);

    await user.click(screen.getByRole('button', { name: 'Publish' }));
    const panel = screen.getByRole('region', { name: 'Publish version 4?' });
    expect(panel).toHaveFocus();
    expect(panel).toHaveTextContent('1 entry changes. (0 added, 0 removed, 1 changed)');
    expect(panel).toHaveTextContent('Note: Gender to email');
    await user.click(within(panel).getByRole('button', { name: 'Confirm publish' }));

    // While it publishes the button keeps the focus and a second click sends nothing.
    const working = within(panel).getByRole('button', { name: 'Working…' });
    expect(working).toHaveFocus();
    expect(working).toHaveAttribute('aria-disabled', 'true');
    expect(working).toBeEnabled();
    await user.click(working);

    const published = await screen.findByText('Version 4 published.');
    await waitFor(() => expect(published).toHaveFocus());
    expect(screen.queryByRole('region', { name: 'Publish version 4?' })).not.toBeInTheDocument();
    expect(screen.queryByText('The mapping was not published.', { exact: false })).not.toBeInTheDocument();
    expect(screen.getByText('No unpublished changes: this is version 4')).toBeInTheDocument();
    expect(screen.getByLabelText('Target, row 2')).toHaveValue('PATIENT_EMAIL_ID');
    expect(screen.getByLabelText('Note (optional)')).toHaveValue('');
  });

  it('cancels with Escape and gives the focus back', async () => {
    const { user } = await changeGender();
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Publish version 4?' })).not.toBeInTheDocument();
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
    // The confirmation that had the focus is gone: the focus is on the problems, not lost.
    await waitFor(() => expect(alert).toHaveFocus());
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

  it('moves the focus to the alert when publishing fails', async () => {
    const { user } = await changeGender([
      { ...publishMock(input(changed, 'Gender to email'), undefined), error: new Error('offline') },
    ]);
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    await user.click(screen.getByRole('button', { name: 'Confirm publish' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The mapping was not published.');
    await waitFor(() => expect(alert).toHaveFocus());
    expect(screen.getByText('You have unpublished changes')).toBeInTheDocument();
  });

  it('refuses to replace a newer version: says so, keeps the draft, shows what changed, starts again', async () => {
    const { user } = await changeGender([
      publishMock(input(changed, 'Gender to email'), versionConflict(3, 4)),
      ...theirsMocks(),
      diff3to4,
    ]);
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    await user.click(screen.getByRole('button', { name: 'Confirm publish' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(CONFLICT);
    expect(alert).toHaveTextContent('Your draft, started from version 3, was not published and is still here.');
    await waitFor(() => expect(alert).toHaveFocus());
    // Nothing of the draft is lost, and the page now shows the other administrator's version.
    expect(screen.getByLabelText('Target, row 2')).toHaveValue('PATIENT_EMAIL_ID');
    expect(screen.getByLabelText('Note (optional)')).toHaveValue('Gender to email');
    expect(screen.getByText('You have unpublished changes')).toBeInTheDocument();
    const versions = screen.getByRole('table', { name: 'Published versions, newest first' });
    await waitFor(() => expect(within(versions).getAllByRole('row')[1]).toHaveTextContent('Version 4 Current'));
    expect(within(versions).getAllByRole('row')[1]).toHaveTextContent('Another administrator');

    const show = screen.getByRole('button', { name: 'Show what changed' });
    await user.click(show);
    expect(show).toHaveAttribute('aria-expanded', 'true');
    const changes = await screen.findByRole('table', { name: 'Changes from version 3 to version 4' });
    expect(within(changes).getAllByRole('row')[1]).toHaveTextContent(
      /^ChangedDate of birthdob\/v1\/patients → DATE_OF_BIRTH_PATIENT \(Date format: MM\/DD\/YYYY\)\/v1\/patients → DATE_OF_BIRTH_PATIENT \(Date format: YYYYMMDD\)$/,
    );

    await user.click(screen.getByRole('button', { name: 'Start again from version 4' }));
    const notice = screen.getByText('Your draft was discarded: you are now editing version 4.');
    await waitFor(() => expect(notice).toHaveFocus());
    expect(screen.queryByText(CONFLICT)).not.toBeInTheDocument();
    expect(screen.getByText('No unpublished changes: this is version 4')).toBeInTheDocument();
    expect(screen.getByLabelText('Target, row 2')).toHaveValue('GENDER_OF_PATIENT');
    expect(screen.getByLabelText('Date format, row 3')).toHaveValue('YYYYMMDD');
  });

  it('keeps the draft on request, then publishes it over the newer version', async () => {
    const { user } = await changeGender([
      publishMock(input(changed, 'Gender to email'), versionConflict(3, 4)),
      ...theirsMocks(),
      publishMock(
        input(changed, 'Gender to email'),
        { data: { publishEhrMapping: { __typename: 'EhrMapping', version: 5 } } },
        { expectedVersion: 4 },
      ),
      systemMock(5, changed),
      questionnairesMock(),
    ]);
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    await user.click(screen.getByRole('button', { name: 'Confirm publish' }));
    expect(await screen.findByText(CONFLICT)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Roll back to version 3' })).toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'Keep my draft' }));
    const notice = screen.getByText(
      'Your draft is kept. Publishing it replaces version 4, including the changes made in it.',
    );
    await waitFor(() => expect(notice).toHaveFocus());
    expect(screen.queryByText(CONFLICT)).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Publish' }));
    // Against version 4, the draft changes gender and puts the old date format back.
    const panel = screen.getByRole('region', { name: 'Publish version 5?' });
    expect(panel).toHaveTextContent('2 entries change. (0 added, 0 removed, 2 changed)');
    await user.click(within(panel).getByRole('button', { name: 'Confirm publish' }));
    const published = await screen.findByText('Version 5 published.');
    await waitFor(() => expect(published).toHaveFocus());
  });

  it('refreshes the mapping when the tool opens again, and warns a draft that it is out of date', async () => {
    const { user } = await changeGender([
      systemMock(1, MAPPING, { id: 'ehr-allscripts' }),
      questionnairesMock([], 'ehr-allscripts'),
      ...theirsMocks(),
    ]);
    const picker = screen.getByLabelText('EHR system');
    await user.selectOptions(picker, 'Allscripts');
    expect(await screen.findByText('No unpublished changes: this is version 1')).toBeInTheDocument();

    // The cached version 3 shows at once; the server's answer brings version 4.
    await user.selectOptions(picker, 'Athena (current)');
    expect(await screen.findByRole('alert')).toHaveTextContent(CONFLICT);
    expect(screen.getByLabelText('Target, row 2')).toHaveValue('PATIENT_EMAIL_ID');
    expect(screen.getByText('You have unpublished changes')).toBeInTheDocument();
  });
});
