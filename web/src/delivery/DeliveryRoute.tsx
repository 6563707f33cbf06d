import { useId, useRef, type KeyboardEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../i18n/I18nProvider';
import { AlertsPanel } from './AlertsPanel';
import { BulkPanel } from './BulkPanel';
import './delivery.css';
import { TransactionsPanel } from './TransactionsPanel';

const VIEWS = ['transactions', 'bulk', 'alerts'] as const;
type View = (typeof VIEWS)[number];

/**
 * /delivery: the delivery monitor (transactions by status, replay of DEAD ones) and, in other
 * tabs, the alerts (with the rules editor for ADMINs) and the bulk changes. The tab is in the URL
 * (`?view=alerts`, `?view=bulk`), so each can be linked to.
 */
export function DeliveryRoute() {
  const t = useT();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const requested = params.get('view');
  const view: View = requested === 'bulk' || requested === 'alerts' ? requested : 'transactions';
  const tabs = useRef(new Map<View, HTMLButtonElement>());

  const select = (next: View) => {
    setParams(
      (current) => {
        const params = new URLSearchParams(current);
        if (next !== 'transactions') params.set('view', next);
        else params.delete('view');
        return params;
      },
      { replace: true },
    );
  };

  // The tab list's keyboard pattern (WAI-ARIA APG): arrows move between tabs, Home and End to the ends.
  const onKeyDown = (event: KeyboardEvent) => {
    const index = VIEWS.indexOf(view);
    const target =
      event.key === 'ArrowRight'
        ? VIEWS[(index + 1) % VIEWS.length]
        : event.key === 'ArrowLeft'
          ? VIEWS[(index - 1 + VIEWS.length) % VIEWS.length]
          : event.key === 'Home'
            ? VIEWS[0]
            : event.key === 'End'
              ? VIEWS[VIEWS.length - 1]
              : undefined;
    if (!target) return;
    event.preventDefault();
    select(target);
    tabs.current.get(target)?.focus();
  };

  return (
    <section className="page delivery" aria-labelledby={`${id}-title`}>
      <div className="page__header">
        <h1 id={`${id}-title`}>{t('deliveryMonitor.title')}</h1>
      </div>
      <p className="delivery__intro">{t('deliveryMonitor.intro')}</p>

      <div role="tablist" aria-label={t('deliveryMonitor.tabs')} className="tabs" onKeyDown={onKeyDown}>
        {VIEWS.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`${id}-${tab}-tab`}
            className="tabs__tab"
            aria-selected={tab === view}
            aria-controls={tab === view ? `${id}-${tab}-panel` : undefined}
            tabIndex={tab === view ? 0 : -1}
            ref={(button) => {
              if (button) tabs.current.set(tab, button);
            }}
            onClick={() => select(tab)}
          >
            {t(`deliveryMonitor.tab.${tab}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-${view}-panel`} aria-labelledby={`${id}-${view}-tab`} className="tabs__panel">
        {view === 'bulk' ? <BulkPanel /> : view === 'alerts' ? <AlertsPanel /> : <TransactionsPanel />}
      </div>
    </section>
  );
}
