import { screen, waitFor, within } from '@testing-library/react';
import { Kind, Lexer, Source, TokenKind, print, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import { setup } from '../test/setup-app';
import { es } from './messages';
import { countsMock, patientNamesMock, transaction, transactionsMock } from './fixtures';
import { DeliveryPatientNamesQuery, NAMES_PER_QUERY, namePages, patientNamesVariables } from './patientNames';
import { PAGE_SIZE } from './TransactionsPanel';

/** The gateway's operation limits (gateway/src/limits.ts, DEFAULT_LIMITS). */
const GATEWAY_MAX_ALIASES = 30;
const GATEWAY_MAX_TOKENS = 2000;

const tx = (i: number, patientId: string) =>
  transaction({ id: `tx-${i}`, endpoint: `/e${i}`, patient: { __typename: 'Patient', id: patientId } });

describe('the patient names query', () => {
  it('names one page of transactions, within the gateway’s operation limits', () => {
    let aliases = 0;
    visit(DeliveryPatientNamesQuery, {
      [Kind.FIELD]: (node) => {
        if (node.alias) aliases += 1;
      },
    });
    const lexer = new Lexer(new Source(print(DeliveryPatientNamesQuery)));
    let tokens = 0;
    while (lexer.advance().kind !== TokenKind.EOF) tokens += 1;
    expect([NAMES_PER_QUERY, aliases]).toEqual([PAGE_SIZE, PAGE_SIZE]);
    expect(aliases).toBeLessThanOrEqual(GATEWAY_MAX_ALIASES);
    expect(tokens).toBeLessThan(GATEWAY_MAX_TOKENS);
  });

  it('asks each page’s distinct ids, the first repeated to fill the variables', () => {
    expect(namePages(['b', 'a', 'b', 'c', 'a'], 3)).toEqual([
      ['a', 'b'],
      ['a', 'c'],
    ]);
    const variables = patientNamesVariables(['a', 'b']) as Record<string, string>;
    expect(Object.keys(variables)).toHaveLength(NAMES_PER_QUERY);
    expect([variables['id0'], variables['id1'], variables['id2'], variables[`id${NAMES_PER_QUERY - 1}`]]).toEqual([
      'a',
      'b',
      'a',
      'a',
    ]);
  });
});

describe('delivery monitor: patient names', () => {
  // Two pages of rows rendered several times over: more than the default 5 s on a busy machine.
  it('asks the names once per loaded page, and shows a deleted patient as such', { timeout: 20_000 }, async () => {
    const requests: string[][] = [];
    const first = Array.from({ length: PAGE_SIZE }, (_, i) => tx(i, `pt-${i % 3}`));
    const { user } = setup({
      route: '/delivery',
      mocks: [
        countsMock(),
        patientNamesMock(
          { 'pt-0': ['Ana', 'García'], 'pt-1': ['Luis', 'Ortega'], 'pt-2': ['Maya', 'Okafor'] },
          requests,
          ['pt-gone'],
        ),
        transactionsMock(first, { hasNextPage: true, endCursor: 'c1', totalCount: PAGE_SIZE + 2 }),
        transactionsMock([tx(100, 'pt-1'), tx(101, 'pt-gone')], { after: 'c1', totalCount: PAGE_SIZE + 2 }),
      ],
    });
    expect(await screen.findAllByRole('link', { name: 'García, Ana' }, { timeout: 3000 })).toHaveLength(9);
    expect(screen.getAllByRole('link', { name: 'Ortega, Luis' })).toHaveLength(8);
    expect(requests).toEqual([['pt-0', 'pt-1', 'pt-2', ...Array<string>(NAMES_PER_QUERY - 3).fill('pt-0')]]);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    const gone = (await screen.findByText('/e101')).closest('tr')!;
    expect(
      await within(screen.getByText('/e100').closest('tr')!).findByRole('link', { name: 'Ortega, Luis' }),
    ).toBeInTheDocument();
    // The deleted patient nulls only its own alias: shown as deleted, not as a raw id; the others named.
    // Ortega is named from the cache at once; the deleted patient's answer is the second page's query.
    expect(await within(gone).findByText('Deleted patient')).toBeInTheDocument();
    expect(within(gone).queryByRole('link')).not.toBeInTheDocument();
    expect(within(gone).queryByText('pt-gone')).not.toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'García, Ana' })).toHaveLength(9);
    // The second page's names are asked for once its rows are in (pt-1's name was known already).
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1]!.slice(0, 3)).toEqual(['pt-1', 'pt-gone', 'pt-1']);
  });

  it('shows a patient the patient service could not answer for as their id, a deleted one as deleted', async () => {
    setup({
      route: '/delivery',
      mocks: [
        countsMock(),
        patientNamesMock({}, [], ['pt-gone']),
        transactionsMock([tx(1, 'pt-unknown'), tx(2, 'pt-gone')]),
      ],
    });
    const gone = (await screen.findByText('/e2')).closest('tr')!;
    expect(await within(gone).findByText('Deleted patient')).toBeInTheDocument();
    // An error at its alias: the service could not say, so the id is all there is to show.
    expect(within(screen.getByText('/e1').closest('tr')!).getByText('pt-unknown')).toBeInTheDocument();
    expect(es['deliveryMonitor.patient.deleted']).toBe('Paciente eliminado');
  });
});
