import type { EhrPreviewQueryQuery } from '../__generated__/graphql';
import { useT } from '../i18n/I18nProvider';

export type PreviewRequest = NonNullable<NonNullable<EhrPreviewQueryQuery['patient']>['ehrPreview']>[number];

/** A JSON body as key/value pairs; nested values (address, lists) as indented JSON. */
function Payload({ payload }: { payload: unknown }) {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return <pre className="ehr-json">{JSON.stringify(payload, null, 2)}</pre>;
  }
  return (
    <dl className="ehr-payload">
      {Object.entries(payload as Record<string, unknown>).map(([key, value]) => (
        <div key={key}>
          <dt className="mono">{key}</dt>
          <dd>
            {typeof value === 'object' && value !== null ? (
              <pre className="ehr-json">{JSON.stringify(value, null, 2)}</pre>
            ) : (
              String(value)
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Each request the mapping would send: method, endpoint and body. */
export function PreviewRequests({ requests }: { requests: readonly PreviewRequest[] }) {
  const t = useT();
  if (requests.length === 0) return <p>{t('ehr.preview.nothing')}</p>;
  return (
    <ol className="ehr-requests">
      {requests.map((request, index) => (
        <li key={`${request.endpoint}:${index}`} className="ehr-request">
          <h4 className="mono">
            {request.method} {request.endpoint}
          </h4>
          <Payload payload={request.payload} />
        </li>
      ))}
    </ol>
  );
}
