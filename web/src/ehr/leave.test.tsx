import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { patientsMock } from '../test/fixtures';
import { setup } from '../test/setup-app';
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
const LEAVE = 'Leave with unpublished changes?';

/** The mapping tool, and the patient list its "Patients" link opens. */
async function open(mocks = pageMocks(), route = ROUTE) {
  const view = setup({ route, user: ADMIN, mocks: [...mocks, patientsMock([])] });
  if (route === ROUTE) await screen.findByLabelText('Source, row 1');
  return view;
}

/** An unpublished change: row 2 sends the email instead of the gender. */
async function edit(user: ReturnType<typeof setup>['user']) {
  await user.selectOptions(screen.getByLabelText('Target, row 2'), 'PATIENT_EMAIL_ID');
  expect(screen.getByText('You have unpublished changes')).toBeInTheDocument();
}

const patientsLink = () =>
  within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Patients' });

describe('EHR mapping tool: leaving with unpublished changes', { timeout: 20_000 }, () => {
  it('asks before a link is followed; Stay keeps the page, the edit and the focus on the link', async () => {
    const { user, router } = await open();
    await edit(user);

    await user.click(patientsLink());
    const dialog = screen.getByRole('alertdialog', { name: LEAVE });
    expect(dialog).toHaveAccessibleDescription(
      'You have unpublished changes to this mapping. They stay in this browser as a draft, but deliveries use the published version until you publish them.',
    );
    expect(within(dialog).getByRole('button', { name: 'Stay' })).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Stay' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe(ROUTE);
    expect(screen.getByLabelText('Target, row 2')).toHaveValue('PATIENT_EMAIL_ID');
    expect(patientsLink()).toHaveFocus();
  });

  it('leaves on Leave, the draft kept in the browser for next time', async () => {
    const { user, router } = await open();
    await edit(user);

    await user.click(patientsLink());
    await user.click(within(screen.getByRole('alertdialog', { name: LEAVE })).getByRole('button', { name: 'Leave' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Patients' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(window.localStorage.getItem(STORED)).toContain('PATIENT_EMAIL_ID');
  });

  it('asks on Back too, and Escape stays', async () => {
    const { user, router } = await open(pageMocks(), '/');
    await user.click(await screen.findByRole('link', { name: 'EHR mappings' }));
    await screen.findByLabelText('Source, row 1');
    await edit(user);

    await act(() => router.navigate(-1));
    expect(screen.getByRole('alertdialog', { name: LEAVE })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe(ROUTE);
    expect(screen.getByLabelText('Target, row 2')).toHaveValue('PATIENT_EMAIL_ID');
  });

  it('does not ask without unpublished changes, nor once they are discarded', async () => {
    const { user, router } = await open();
    await user.click(patientsLink());
    expect(await screen.findByRole('heading', { level: 1, name: 'Patients' })).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();

    await act(() => router.navigate(ROUTE));
    await screen.findByLabelText('Source, row 1');
    await edit(user);
    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    await user.click(patientsLink());
    expect(await screen.findByRole('heading', { level: 1, name: 'Patients' })).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('does not ask once the changes are published', async () => {
    const changed = [MAPPING[0]!, field('gender', 'PATIENT_EMAIL_ID'), MAPPING[2]!];
    const { user, router } = await open([
      ...pageMocks(),
      publishMock(input(changed), { data: { publishEhrMapping: { __typename: 'EhrMapping', version: 4 } } }),
      systemMock(4, changed),
      questionnairesMock(),
    ]);
    await edit(user);
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    await user.click(screen.getByRole('button', { name: 'Confirm publish' }));
    expect(await screen.findByText('Version 4 published.')).toBeInTheDocument();

    await user.click(patientsLink());
    expect(await screen.findByRole('heading', { level: 1, name: 'Patients' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('does not stand in the way of logging out: the session is over, the draft is kept', async () => {
    const { user, router } = await open();
    await edit(user);
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(window.localStorage.getItem(STORED)).toContain('PATIENT_EMAIL_ID');
  });

  it('asks in Spanish', async () => {
    const { user } = await open();
    await user.selectOptions(screen.getByLabelText('Language'), 'es');
    await user.selectOptions(await screen.findByLabelText('Destino, fila 2'), 'PATIENT_EMAIL_ID');
    await user.click(within(screen.getByRole('navigation')).getByRole('link', { name: 'Pacientes' }));
    const dialog = screen.getByRole('alertdialog', { name: '¿Salir con cambios sin publicar?' });
    expect(within(dialog).getByRole('button', { name: 'Quedarse' })).toHaveFocus();
    expect(within(dialog).getByRole('button', { name: 'Salir' })).toBeInTheDocument();
  });
});
