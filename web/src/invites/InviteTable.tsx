import { useT } from '../i18n/I18nProvider';
import type { Invite } from './api';

interface InviteTableProps {
  invites: Invite[];
  /** An ISO date-time in the UI language. */
  expires: (iso: string) => string;
  onCopy: (invite: Invite) => void;
  onRevoke: (invite: Invite) => void;
  /** Each row's Revoke button by code (null when it goes), for the focus to come back to on Cancel. */
  registerRevoke: (code: string, button: HTMLButtonElement | null) => void;
}

/** The pending invites: code, role, expiry, and Copy and Revoke for each. */
export function InviteTable({ invites, expires, onCopy, onRevoke, registerRevoke }: InviteTableProps) {
  const t = useT();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="invites-list">
      <table className="table invites__table">
        <caption className="visually-hidden">{t('invites.list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('invites.col.code')}</th>
            <th scope="col">{t('invites.col.role')}</th>
            <th scope="col">{t('invites.col.expires')}</th>
            <th scope="col">{t('invites.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {invites.map((invite) => (
            <tr key={invite.code}>
              <th scope="row">
                <code className="invites__code">{invite.code}</code>
              </th>
              <td>{t(`role.${invite.role}`)}</td>
              <td>
                <time dateTime={invite.expiresAt}>{expires(invite.expiresAt)}</time>
              </td>
              <td className="invites__actions">
                <button
                  type="button"
                  className="button button--secondary"
                  aria-label={t('invites.copy.label', { code: invite.code })}
                  onClick={() => onCopy(invite)}
                >
                  {t('invites.copy')}
                </button>
                <button
                  type="button"
                  className="button button--secondary button-danger"
                  aria-label={t('invites.revoke.label', { code: invite.code })}
                  ref={(button) => registerRevoke(invite.code, button)}
                  onClick={() => onRevoke(invite)}
                >
                  {t('invites.revoke')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
