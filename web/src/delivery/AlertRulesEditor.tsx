import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { graphql } from '../__generated__';
import type { AlertRuleInput, AlertRuleKind } from '../__generated__/graphql';
import { SelectField, TextField } from '../components/Field';
import { ErrorState, LoadingState } from '../components/States';
import { useT } from '../i18n/I18nProvider';
import { serverProblems } from './problems';
import { ConfirmDialog } from '../patients/ConfirmDialog';

export const DeliveryAlertRulesQuery = graphql(`
  query DeliveryAlertRulesQuery {
    alertRules {
      id
      kind
      ehrSystemId
      windowMinutes
      threshold
      timeZone
      workdayStartHour
      workdayEndHour
      webhookUrl
    }
    ehrSystems {
      id
      name
    }
  }
`);

export const DeliveryCreateAlertRuleMutation = graphql(`
  mutation DeliveryCreateAlertRuleMutation($input: AlertRuleInput!) {
    createAlertRule(input: $input) {
      rule {
        id
      }
      webhookSecret
    }
  }
`);

export const DeliveryUpdateAlertRuleMutation = graphql(`
  mutation DeliveryUpdateAlertRuleMutation($id: ID!, $input: AlertRuleInput!) {
    updateAlertRule(id: $id, input: $input) {
      id
    }
  }
`);

export const DeliveryDeleteAlertRuleMutation = graphql(`
  mutation DeliveryDeleteAlertRuleMutation($id: ID!) {
    deleteAlertRule(id: $id)
  }
`);

export const KINDS: readonly AlertRuleKind[] = ['DEAD_TRANSACTIONS', 'ERROR_RATE', 'NO_DELIVERY', 'OLDEST_PENDING'];
const FIELDS = [
  'kind',
  'ehrSystemId',
  'windowMinutes',
  'threshold',
  'timeZone',
  'workdayStartHour',
  'workdayEndHour',
  'webhookUrl',
] as const;
type FormField = (typeof FIELDS)[number];
type Draft = Record<FormField, string>;

const EMPTY: Draft = {
  kind: 'DEAD_TRANSACTIONS',
  ehrSystemId: '',
  windowMinutes: '15',
  threshold: '1',
  timeZone: 'UTC',
  workdayStartHour: '8',
  workdayEndHour: '18',
  webhookUrl: '',
};

const needsThreshold = (kind: string) => kind === 'DEAD_TRANSACTIONS' || kind === 'ERROR_RATE';
const number = (text: string) => (text.trim() === '' ? null : Number(text));

/** The draft as the mutation's input; the server validates it (its problems come back per field). */
function inputOf(draft: Draft): AlertRuleInput {
  return {
    kind: draft.kind as AlertRuleKind,
    ehrSystemId: draft.ehrSystemId || null,
    windowMinutes: number(draft.windowMinutes) ?? 0,
    threshold: needsThreshold(draft.kind) ? number(draft.threshold) : null,
    timeZone: draft.timeZone.trim() || null,
    workdayStartHour: number(draft.workdayStartHour),
    workdayEndHour: number(draft.workdayEndHour),
    webhookUrl: draft.webhookUrl.trim() || null,
  };
}

/** For ADMINs: the organization's alert rules, with a form to add or change one and a delete button. */
export function AlertRulesEditor() {
  const t = useT();
  const titleId = useId();
  const { data, error, refetch } = useQuery(DeliveryAlertRulesQuery);
  const refetchQueries = [{ query: DeliveryAlertRulesQuery }];
  const [create, creating] = useMutation(DeliveryCreateAlertRuleMutation, {
    refetchQueries,
    awaitRefetchQueries: true,
  });
  const [update, updating] = useMutation(DeliveryUpdateAlertRuleMutation, {
    refetchQueries,
    awaitRefetchQueries: true,
  });
  const [remove, removing] = useMutation(DeliveryDeleteAlertRuleMutation, {
    refetchQueries,
    awaitRefetchQueries: true,
  });
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problems, setProblems] = useState<Partial<Record<FormField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  // The rule whose Delete was pressed, asked about before it goes; the button gets the focus back.
  const [confirming, setConfirming] = useState<{ id: string; summary: string } | null>(null);
  const deleteButton = useRef<HTMLButtonElement | null>(null);
  const busy = creating.loading || updating.loading || removing.loading;

  const reset = () => {
    setEditing(null);
    setDraft(EMPTY);
    setProblems({});
    setFormError(null);
  };

  const fail = (caught: unknown) => {
    const found = serverProblems(caught);
    const byField: Partial<Record<FormField, string>> = {};
    const other: string[] = [];
    for (const { path, message } of found) {
      if (path && (FIELDS as readonly string[]).includes(path)) byField[path as FormField] = message;
      else other.push(message);
    }
    setProblems(byField);
    setFormError(found.length === 0 ? t('common.unexpectedError') : other.length > 0 ? other.join(' ') : null);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setProblems({});
    setFormError(null);
    setNotice(null);
    setSecret(null);
    try {
      if (editing) {
        await update({ variables: { id: editing, input: inputOf(draft) } });
        setNotice(t('alertRules.saved'));
      } else {
        const { data: created } = await create({ variables: { input: inputOf(draft) } });
        setSecret(created?.createAlertRule.webhookSecret ?? null);
        setNotice(t('alertRules.created'));
      }
      reset();
    } catch (caught) {
      fail(caught);
    }
  };

  const onDelete = async (id: string) => {
    if (busy) return;
    setNotice(null);
    try {
      await remove({ variables: { id } });
      if (editing === id) reset();
      setNotice(t('alertRules.deleted'));
    } catch (caught) {
      fail(caught);
    } finally {
      setConfirming(null);
    }
  };

  const cancelDelete = () => {
    setConfirming(null);
    deleteButton.current?.focus();
  };

  const field = (name: FormField) => ({
    value: draft[name],
    error: problems[name],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }),
  });

  const rules = data?.alertRules;
  // The systems the organization can see (shared and its own): a rule may watch one of them only.
  const systems = data?.ehrSystems ?? [];
  return (
    <section className="alert-rules" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('alertRules.title')}</h2>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {secret && (
        <p className="notice alert-rules__secret">
          {t('alertRules.secret')} <code>{secret}</code>
        </p>
      )}
      {error && !rules ? (
        <ErrorState
          title={t('alertRules.error.title')}
          message={t('common.unexpectedError')}
          onRetry={() => void refetch()}
        />
      ) : !rules ? (
        <LoadingState />
      ) : rules.length === 0 ? (
        <p className="state state--empty">{t('alertRules.empty')}</p>
      ) : (
        <ul className="alert-rules__list">
          {rules.map((rule) => {
            const summary = t(`alertRules.summary.${rule.kind}`, {
              minutes: rule.windowMinutes,
              threshold: rule.threshold,
              start: rule.workdayStartHour,
              end: rule.workdayEndHour,
              timeZone: rule.timeZone,
            });
            return (
              <li key={rule.id}>
                <span>{summary}</span>
                {rule.ehrSystemId && (
                  <span className="alert-row__detail">
                    {systems.find((system) => system.id === rule.ehrSystemId)?.name ?? rule.ehrSystemId}
                  </span>
                )}
                {rule.webhookUrl && <span className="alert-row__detail">{t('alertRules.webhook')}</span>}
                <button
                  type="button"
                  className="button button--secondary"
                  aria-label={t('alertRules.edit.label', { rule: summary })}
                  onClick={() => {
                    setEditing(rule.id);
                    setProblems({});
                    setFormError(null);
                    setDraft({
                      kind: rule.kind,
                      ehrSystemId: rule.ehrSystemId ?? '',
                      windowMinutes: String(rule.windowMinutes),
                      threshold: String(rule.threshold),
                      timeZone: rule.timeZone,
                      workdayStartHour: String(rule.workdayStartHour),
                      workdayEndHour: String(rule.workdayEndHour),
                      webhookUrl: rule.webhookUrl ?? '',
                    });
                  }}
                >
                  {t('alertRules.edit')}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  aria-label={t('alertRules.delete.label', { rule: summary })}
                  aria-disabled={busy || undefined}
                  onClick={(event) => {
                    if (busy) return;
                    deleteButton.current = event.currentTarget;
                    setConfirming({ id: rule.id, summary });
                  }}
                >
                  {t('alertRules.delete')}
                </button>
              </li>
            );
          })}
        </ul>
      )}

      <form
        className="alert-rules__form"
        aria-label={editing ? t('alertRules.form.edit') : t('alertRules.form.create')}
        noValidate
        onSubmit={(e) => void onSubmit(e)}
      >
        <SelectField label={t('alertRules.field.kind')} {...field('kind')}>
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`alerts.kind.${kind}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('alertRules.field.ehrSystem')} {...field('ehrSystemId')}>
          <option value="">{t('alertRules.field.ehrSystem.all')}</option>
          {systems.map((system) => (
            <option key={system.id} value={system.id}>
              {system.name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('alertRules.field.windowMinutes')} inputMode="numeric" {...field('windowMinutes')} />
        {needsThreshold(draft.kind) && (
          <TextField
            label={t(`alertRules.field.threshold.${draft.kind}`)}
            inputMode="decimal"
            {...field('threshold')}
          />
        )}
        {draft.kind === 'NO_DELIVERY' && (
          <>
            <TextField
              label={t('alertRules.field.timeZone')}
              hint={t('alertRules.field.timeZone.hint')}
              {...field('timeZone')}
            />
            <TextField
              label={t('alertRules.field.workdayStartHour')}
              inputMode="numeric"
              {...field('workdayStartHour')}
            />
            <TextField label={t('alertRules.field.workdayEndHour')} inputMode="numeric" {...field('workdayEndHour')} />
          </>
        )}
        <TextField
          label={t('alertRules.field.webhookUrl')}
          hint={t('alertRules.field.webhookUrl.hint')}
          type="url"
          {...field('webhookUrl')}
        />
        {formError && (
          <p className="alert" role="alert">
            {formError}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            {busy ? t('alertRules.saving') : editing ? t('alertRules.save') : t('alertRules.create')}
          </button>
          {editing && (
            <button type="button" className="button button--secondary" onClick={reset}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
      {confirming && (
        <ConfirmDialog
          title={t('alertRules.confirmDelete.title')}
          confirmLabel={t('alertRules.delete')}
          busyLabel={t('alertRules.deleting')}
          busy={removing.loading}
          onConfirm={() => void onDelete(confirming.id)}
          onCancel={cancelDelete}
        >
          <p>{t('alertRules.confirmDelete.body', { rule: confirming.summary })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
