import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useAuth } from '../auth/AuthProvider';
import type { Role } from '../auth/session';
import { SelectField } from '../components/Field';
import { ErrorState, LoadingState } from '../components/States';
import { useT } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/en';
import { useFormatters } from '../lib/format';
import { ConfirmDialog } from '../patients/ConfirmDialog';
import { createInvite, listInvites, revokeInvite, type Invite } from './api';
import { InviteTable } from './InviteTable';
import './invites.css';

type List = { status: 'loading' } | { status: 'loaded'; invites: Invite[] } | { status: 'error'; message: MessageKey };

/** What the last action left to say: announced politely, or as an alert when it failed. */
type Notice = { kind: 'success' | 'error'; text: string } | null;

/** An ADMIN's invites: create a code for a role, see the pending ones, copy one, revoke one (after asking). */
export function InvitesRoute() {
  const t = useT();
  const { session } = useAuth();
  const { dateTime } = useFormatters();
  const [list, setList] = useState<List>({ status: 'loading' });
  const [role, setRole] = useState<Role>('CLINICIAN');
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [revoking, setRevoking] = useState<{ invite: Invite; busy: boolean; error: MessageKey | null } | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const revokeButtons = useRef(new Map<string, HTMLButtonElement>());

  /** Changes to load the list again (the retry after a failure). */
  const [loads, setLoads] = useState(0);
  useEffect(() => {
    let current = true;
    void listInvites(session).then((result) => {
      if (!current) return;
      setList(result.ok ? { status: 'loaded', invites: result.value } : { status: 'error', message: result.message });
    });
    return () => {
      current = false;
    };
  }, [session, loads]);
  const reload = () => {
    setList({ status: 'loading' });
    setLoads((n) => n + 1);
  };
  const registerRevoke = useCallback((code: string, button: HTMLButtonElement | null) => {
    if (button) revokeButtons.current.set(code, button);
    else revokeButtons.current.delete(code);
  }, []);

  const describe = (invite: Invite) => ({
    code: invite.code,
    role: t(`role.${invite.role}`),
    expires: dateTime(invite.expiresAt),
  });

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    if (creating) return;
    setCreating(true);
    setNotice(null);
    const result = await createInvite(session, role);
    setCreating(false);
    if (!result.ok) {
      setNotice({ kind: 'error', text: t(result.message) });
      return;
    }
    setNotice({ kind: 'success', text: t('invites.created', describe(result.value)) });
    setList((current) =>
      current.status === 'loaded' ? { status: 'loaded', invites: [result.value, ...current.invites] } : current,
    );
  };

  const onCopy = async (invite: Invite) => {
    try {
      await navigator.clipboard.writeText(invite.code);
      setNotice({ kind: 'success', text: t('invites.copied') });
    } catch {
      setNotice({ kind: 'error', text: t('invites.copyFailed') });
    }
  };

  const closeRevoke = (invite: Invite, gone: boolean) => {
    setRevoking(null);
    // The row's button goes with a revoked invite: the focus goes to the list it was in.
    if (gone) listHeading.current?.focus();
    else revokeButtons.current.get(invite.code)?.focus();
  };

  const onRevoke = async (invite: Invite) => {
    setRevoking({ invite, busy: true, error: null });
    const result = await revokeInvite(session, invite.code);
    // 404: used or revoked meanwhile; either way it is no longer pending.
    if (result.ok || result.status === 404) {
      setList((current) =>
        current.status === 'loaded'
          ? { status: 'loaded', invites: current.invites.filter((i) => i.code !== invite.code) }
          : current,
      );
      setNotice(
        result.ok
          ? { kind: 'success', text: t('invites.revoked', { code: invite.code }) }
          : { kind: 'error', text: t(result.message) },
      );
      closeRevoke(invite, true);
      return;
    }
    setRevoking({ invite, busy: false, error: result.message });
  };

  return (
    <section className="page invites" aria-labelledby="invites-title">
      <h1 id="invites-title">{t('invites.title')}</h1>
      <p className="invites__intro">{t('invites.intro')}</p>
      <form className="card invites__create" onSubmit={(event) => void onCreate(event)} aria-labelledby="invites-new">
        <h2 id="invites-new">{t('invites.create.title')}</h2>
        <div className="invites__create-row">
          <SelectField
            label={t('invites.create.role')}
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
          >
            <option value="CLINICIAN">{t('role.CLINICIAN')}</option>
            <option value="ADMIN">{t('role.ADMIN')}</option>
          </SelectField>
          <button type="submit" className="button" disabled={creating}>
            {creating ? t('invites.create.submitting') : t('invites.create.submit')}
          </button>
        </div>
      </form>
      {/* Always there, so that a message appearing is announced and moves nothing below it. */}
      <div className="invites__notice" role="status">
        {notice?.kind === 'success' && <p className="notice notice--success">{notice.text}</p>}
      </div>
      {notice?.kind === 'error' && (
        <p className="alert" role="alert">
          {notice.text}
        </p>
      )}
      <h2 id="invites-list" ref={listHeading} tabIndex={-1}>
        {t('invites.list.title')}
      </h2>
      {list.status === 'loading' && <LoadingState />}
      {list.status === 'error' && (
        <ErrorState title={t('invites.error.title')} message={t(list.message)} onRetry={reload} />
      )}
      {list.status === 'loaded' &&
        (list.invites.length === 0 ? (
          <div className="state">
            <h3>{t('invites.empty.title')}</h3>
            <p>{t('invites.empty.body')}</p>
          </div>
        ) : (
          <InviteTable
            invites={list.invites}
            expires={dateTime}
            onCopy={(invite) => void onCopy(invite)}
            onRevoke={(invite) => setRevoking({ invite, busy: false, error: null })}
            registerRevoke={registerRevoke}
          />
        ))}
      {revoking && (
        <ConfirmDialog
          title={t('invites.revoke.title')}
          confirmLabel={t('invites.revoke.confirm')}
          busyLabel={t('invites.revoke.busy')}
          busy={revoking.busy}
          error={revoking.error && t(revoking.error)}
          onConfirm={() => void onRevoke(revoking.invite)}
          onCancel={() => closeRevoke(revoking.invite, false)}
        >
          <p>{t('invites.revoke.body', describe(revoking.invite))}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
