import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { es } from './es';
import { patient, patientsMock } from '../test/fixtures';
import { setup } from '../test/setup-app';

describe('language switch', () => {
  it('switches the log-in page to Spanish and remembers the choice', async () => {
    const { user } = setup({ route: '/login', user: null });
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Language'), 'es');

    expect(screen.getByRole('heading', { name: 'Iniciar sesión' })).toBeInTheDocument();
    expect(screen.getByLabelText('Contraseña')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('es');
    expect(window.localStorage.getItem('carebridge.language')).toBe('es');
  });

  it('switches the patient page, its table and the header', async () => {
    const { user } = setup({ mocks: [patientsMock([patient()])] });
    await screen.findByRole('rowheader', { name: 'García, Ana' });

    await user.selectOptions(screen.getByLabelText('Language'), 'es');

    expect(screen.getByRole('heading', { name: 'Pacientes' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Médico de cabecera' })).toBeInTheDocument();
    expect(screen.getByText('Entregado')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cerrar sesión' })).toBeInTheDocument();
  });

  it('has the same keys in both catalogues, none empty', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const value of Object.values(es)) expect(value.trim()).not.toBe('');
  });
});
