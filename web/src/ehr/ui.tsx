import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';

/** The header of a column that holds only buttons: named for screen readers, empty on screen. */
export const ACTIONS_COLUMN = '';

/** A captioned table in a region that scrolls sideways, so it can be scrolled with the keyboard. */
export function ScrollTable({
  caption,
  showCaption = false,
  className,
  columns,
  children,
}: {
  caption: string;
  showCaption?: boolean;
  className?: string;
  columns: readonly string[];
  children: ReactNode;
}) {
  const t = useT();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className={className ? `table ${className}` : 'table'}>
        <caption className={showCaption ? 'ehr-caption' : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col">
                {column === ACTIONS_COLUMN ? <span className="visually-hidden">{t('ehr.col.actions')}</span> : column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
