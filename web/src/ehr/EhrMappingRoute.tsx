import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { SelectField } from '../components/Field';
import { useT } from '../i18n/I18nProvider';
import type { Draft } from './draft';
import { loadDraft, saveDraft } from './draftStorage';
import { MappingWorkspace } from './MappingWorkspace';
import { EhrMappingToolQuery } from './operations';
import { ErrorState, LoadingState } from '../components/States';
import './ehr.css';

/** /ehr-mappings (ADMIN): edit, preview, publish, compare and roll back each EHR system's mapping. */
export function EhrMappingRoute() {
  const t = useT();
  const { state } = useAuth();
  const user = state.status === 'signedIn' ? state.user : null;
  const [chosen, setChosen] = useState<string | null>(null);
  // One draft per system, kept in the browser (draftStorage.ts): switching systems, leaving the
  // page or reloading it loses nothing. Read from storage the first time a system is shown.
  const [drafts, setDrafts] = useState<Record<string, Draft | undefined>>({});
  const { data, error, refetch } = useQuery(EhrMappingToolQuery, {
    variables: { organizationId: user?.organizationId ?? '' },
    skip: !user,
  });
  const own = data?.organization?.ehrSystem.id;
  const systems = data?.ehrSystems;
  const systemId = chosen ?? own ?? systems?.[0]?.id;

  return (
    <section className="page ehr-page" aria-labelledby="ehr-mappings-title">
      <div className="page__header">
        <h1 id="ehr-mappings-title">{t('ehr.title')}</h1>
      </div>
      <p className="ehr-muted">{t('ehr.intro')}</p>

      {error && !data ? (
        <ErrorState title={t('ehr.error.title')} message={t('common.unexpectedError')} onRetry={() => void refetch()} />
      ) : !systems ? (
        <LoadingState />
      ) : systems.length === 0 || !systemId || !user ? (
        <div className="state state--empty">
          <h2>{t('ehr.empty.title')}</h2>
          <p>{t('ehr.empty.body')}</p>
        </div>
      ) : (
        <>
          <div className="toolbar">
            <SelectField
              label={t('ehr.system.label')}
              hint={t('ehr.system.hint')}
              value={systemId}
              onChange={(event) => setChosen(event.target.value)}
            >
              {systems.map((system) => (
                <option key={system.id} value={system.id}>
                  {system.id === own ? t('ehr.system.current', { name: system.name }) : system.name}
                </option>
              ))}
            </SelectField>
          </div>
          <MappingWorkspace
            key={systemId}
            systemId={systemId}
            canonicalFields={data?.canonicalFields ?? []}
            draft={systemId in drafts ? drafts[systemId] : loadDraft(user.organizationId, systemId)}
            onDraftChange={(draft) => {
              saveDraft(user.organizationId, systemId, draft);
              setDrafts((all) => ({ ...all, [systemId]: draft }));
            }}
          />
        </>
      )}
    </section>
  );
}
