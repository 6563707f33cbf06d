import type { MockLink } from '@apollo/client/testing';
import { screen, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { EhrMappingInput } from '../__generated__/graphql';
import { setup } from '../test/setup-app';
import { ADMIN, ATHENA, MAPPING, ROUTE, SYMPTOMS, field, input, pageMocks } from './fixtures';
import { EhrPreviewPatientsQuery, EhrPreviewQuery } from './operations';

const patientsMock: MockLink.MockedResponse = {
  request: { query: EhrPreviewPatientsQuery, variables: { search: 'gar' } },
  result: {
    data: {
      patients: {
        __typename: 'PatientConnection',
        nodes: [
          {
            __typename: 'Patient',
            id: 'pt-1',
            firstName: 'Ana',
            lastName: 'García',
            mrn: 'MRN-0001',
            dateOfBirth: '1980-02-29',
          },
        ],
      },
    },
  },
};

function previewMock(draft: EhrMappingInput | undefined, result: MockLink.MockedResponse['result']) {
  return {
    request: {
      query: EhrPreviewQuery,
      variables: { patientId: 'pt-1', ehrSystemId: ATHENA, ...(draft ? { draft } : {}) },
    },
    result,
  };
}

const request = (endpoint: string, payload: unknown) => ({
  __typename: 'EhrRequest',
  endpoint,
  method: 'POST',
  payload,
});

/** Adds a symptoms row (the draft), then finds the sample patient. */
async function openWithDraft(mocks: MockLink.MockedResponse[]) {
  const view = setup({ route: ROUTE, user: ADMIN, mocks: [...pageMocks(), patientsMock, ...mocks] });
  await screen.findByLabelText('Source, row 1');
  await view.user.click(screen.getByRole('button', { name: 'Add row' }));
  await view.user.selectOptions(screen.getByLabelText('Source, row 4'), 'symptoms');
  await view.user.selectOptions(screen.getByLabelText('Target, row 4'), 'SYMPTOMS_CURRENT_PATIENT');
  await view.user.type(screen.getByLabelText('Find a sample patient'), 'gar');
  // The search waits for typing to pause, then asks: more than findBy's 1 s on a busy machine.
  expect(
    await screen.findByRole('option', { name: 'García, Ana (MRN MRN-0001)' }, { timeout: 4000 }),
  ).toBeInTheDocument();
  expect(screen.getByLabelText('Sample patient')).toHaveValue('pt-1');
  return view;
}

const draft = input([...MAPPING, field('symptoms', 'SYMPTOMS_CURRENT_PATIENT', SYMPTOMS)]);

describe('EHR mapping tool: preview', { timeout: 20_000 }, () => {
  it('previews the unpublished draft on a patient, then the published version for comparison', async () => {
    const { user } = await openWithDraft([
      previewMock(draft, {
        data: {
          patient: {
            __typename: 'Patient',
            id: 'pt-1',
            ehrPreview: [
              request('/v1/patients', {
                PATIENT_IDENT_NAME: 'Ana García',
                DATE_OF_BIRTH_PATIENT: '02/29/1980',
                ADDRESS: { city: 'Springfield' },
              }),
              request('/v1/patients/{ehrPatientId}/symptoms', { SYMPTOMS_CURRENT_PATIENT: ['COUGH'] }),
            ],
          },
        },
      }),
      previewMock(undefined, {
        data: {
          patient: {
            __typename: 'Patient',
            id: 'pt-1',
            ehrPreview: [request('/v1/patients', { PATIENT_IDENT_NAME: 'Ana García' })],
          },
        },
      }),
    ]);

    await user.click(screen.getByRole('button', { name: 'Preview' }));

    const output = screen.getByRole('region', { name: 'Preview output' });
    expect(await within(output).findByText('With your draft, for Ana García: 2 requests')).toBeInTheDocument();
    expect(
      within(output).getByRole('heading', { name: 'POST /v1/patients/{ehrPatientId}/symptoms' }),
    ).toBeInTheDocument();
    expect(within(output).getByText('DATE_OF_BIRTH_PATIENT').nextSibling).toHaveTextContent('02/29/1980');
    expect(within(output).getByText('SYMPTOMS_CURRENT_PATIENT').nextSibling).toHaveTextContent('[ "COUGH" ]');

    await user.click(screen.getByRole('button', { name: 'Compare with published' }));
    expect(await within(output).findByText('With published version 3, for Ana García: 1 request')).toBeInTheDocument();
  });

  it('ties the server’s problems with the draft to its rows', async () => {
    const { user } = await openWithDraft([
      previewMock(draft, {
        errors: [
          new GraphQLError('Invalid input', {
            extensions: {
              code: 'BAD_USER_INPUT',
              problems: [{ field: 'draft.fields[3].endpoint', message: 'is not an endpoint of this EHR system' }],
            },
          }),
        ],
      }),
    ]);

    await user.click(screen.getByRole('button', { name: 'Preview' }));

    const output = screen.getByRole('region', { name: 'Preview output' });
    expect(await within(output).findByRole('alert')).toHaveTextContent('The draft has problems');
    expect(screen.getByLabelText('Endpoint, row 4')).toHaveAccessibleDescription(
      'is not an endpoint of this EHR system',
    );
    expect(screen.getByText('The draft cannot be previewed. Correct these problems:')).toBeInTheDocument();
  });

  it('keeps the patient data out of the cache and the focus on the button while it works', async () => {
    const view = await openWithDraft([
      {
        ...previewMock(draft, {
          data: {
            patient: {
              __typename: 'Patient',
              id: 'pt-1',
              ehrPreview: [
                request('/v1/patients', { PATIENT_IDENT_NAME: 'Ana García', PATIENT_EMAIL_ID: 'ana@x.test' }),
              ],
            },
          },
        }),
        delay: 300,
      },
    ]);

    const run = screen.getByRole('button', { name: 'Preview' });
    await view.user.click(run);
    // Busy: still focused and focusable, marked aria-disabled; a second click sends nothing.
    expect(run).toHaveFocus();
    expect(run).toHaveAttribute('aria-disabled', 'true');
    expect(run).toBeEnabled();
    await view.user.click(run);
    const output = screen.getByRole('region', { name: 'Preview output' });
    expect(await within(output).findByText('With your draft, for Ana García: 1 request')).toBeInTheDocument();
    expect(run).not.toHaveAttribute('aria-disabled');
    expect(within(output).queryByRole('alert')).not.toBeInTheDocument();

    // Neither the search (which would replace the patient list's `patients(filter)` entry) nor the
    // preview's payload is in the cache.
    const cached = JSON.stringify(view.cache.extract());
    expect(cached).not.toContain('García');
    expect(cached).not.toContain('ana@x.test');
    expect(Object.keys(view.cache.extract()['ROOT_QUERY'] ?? {}).filter((key) => key.startsWith('patients'))).toEqual(
      [],
    );
  });
});
