import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PatientDetailResponses_ResponseFragment } from '../__generated__/graphql';
import { I18nProvider, type Language } from '../i18n/I18nProvider';
import { ResponsesSection } from './ClinicalSections';

type Answer = PatientDetailResponses_ResponseFragment['answers'][number];
const answer = (linkId: string, overrides: Partial<Answer>, label: [string, string] | null = null): Answer => ({
  __typename: 'Answer',
  linkId,
  item: {
    __typename: 'QuestionnaireItem',
    linkId,
    textEn: `Question ${linkId}?`,
    textEs: `¿Pregunta ${linkId}?`,
    labelEn: label?.[0] ?? null,
    labelEs: label?.[1] ?? null,
  },
  valueNumber: null,
  valueDate: null,
  displayEn: 'shown',
  displayEs: 'mostrado',
  ...overrides,
});

const RESPONSE: PatientDetailResponses_ResponseFragment = {
  __typename: 'QuestionnaireResponse',
  id: 'qr-1',
  language: 'EN',
  submittedAt: '2026-03-01T08:30:00Z',
  submittedBy: 'patient',
  questionnaire: { __typename: 'Questionnaire', id: 'q-1', version: 1, titleEn: 'Intake', titleEs: 'Admisión' },
  answers: [
    answer('pain', { valueNumber: 7.5, displayEn: '7.5', displayEs: '7.5' }, ['Pain level', 'Nivel de dolor']),
    answer('checkup', { valueDate: '2025-11-03', displayEn: '2025-11-03', displayEs: '2025-11-03' }),
    answer('smoker', { displayEn: 'No', displayEs: 'No' }),
  ],
};

function renderIn(language: Language) {
  render(
    <I18nProvider language={language}>
      <ResponsesSection responses={[RESPONSE]} />
    </I18nProvider>,
  );
  const rows = within(screen.getByRole('article')).getAllByRole('definition');
  return {
    meta: screen.getByText(/respondido en|answered in/).textContent,
    rows: rows.map((dd) => [dd.previousElementSibling?.textContent, dd.textContent]),
  };
}

describe('questionnaire responses for staff', () => {
  it('name each question by its short label where it has one, and write dates and numbers the Spanish way', () => {
    const { meta, rows } = renderIn('es');
    expect(rows).toEqual([
      ['Nivel de dolor', '7,5'],
      ['¿Pregunta checkup?', '3 nov 2025'],
      ['¿Pregunta smoker?', 'No'],
    ]);
    expect(meta).toMatch(/respondido en inglés$/);
  });

  it('say the response language in English on the English page', () => {
    const { meta, rows } = renderIn('en');
    expect(rows[0]).toEqual(['Pain level', '7.5']);
    expect(rows[1]?.[1]).toBe('Nov 3, 2025');
    expect(meta).toMatch(/answered in English$/);
  });
});
