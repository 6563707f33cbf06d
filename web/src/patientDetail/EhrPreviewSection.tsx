import { useI18n } from '../i18n/I18nProvider';
import { Unavailable } from './ClinicalSections';

interface EhrRequest {
  endpoint: string;
  method: string;
  payload: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One payload value as text: scalars as they are, lists of scalars joined, anything else as JSON. */
function valueText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return value.join(', ');
  }
  return JSON.stringify(value);
}

/** "What would be sent": each request's endpoint and method, its body as key/value rows and as JSON. */
export function EhrPreviewSection({
  requests,
  ehrSystemName,
}: {
  requests: readonly EhrRequest[] | null | undefined;
  ehrSystemName: string | null;
}) {
  const { t } = useI18n();
  return (
    <section className="card patient-detail__section" aria-labelledby="patient-ehr-preview">
      <h2 id="patient-ehr-preview">{t('patientDetail.preview.title')}</h2>
      <p className="patient-detail__intro">
        {ehrSystemName
          ? t('patientDetail.preview.intro', { ehr: ehrSystemName })
          : t('patientDetail.preview.introNoEhr')}
      </p>
      {!requests ? (
        <Unavailable message="patientDetail.preview.unavailable" />
      ) : requests.length === 0 ? (
        <p className="patient-detail__empty">{t('patientDetail.preview.empty')}</p>
      ) : (
        requests.map((request, index) => {
          const name = `${request.method} ${request.endpoint}`;
          const headingId = `ehr-request-${index}`;
          return (
            <article key={`${name}-${index}`} className="ehr-request" aria-labelledby={headingId}>
              <h3 id={headingId} className="ehr-request__title mono">
                <span className="ehr-request__method">{request.method}</span> {request.endpoint}
              </h3>
              {isRecord(request.payload) ? (
                <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={headingId}>
                  <table className="table">
                    <caption className="visually-hidden">
                      {t('patientDetail.preview.caption', { request: name })}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('patientDetail.preview.key')}</th>
                        <th scope="col">{t('patientDetail.preview.value')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {Object.entries(request.payload).map(([key, value]) => (
                        <tr key={key}>
                          <th scope="row" className="mono">
                            {key}
                          </th>
                          <td className="ehr-request__value">{valueText(value)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
              <details className="ehr-request__json" open={!isRecord(request.payload)}>
                <summary>{t('patientDetail.preview.json')}</summary>
                <pre
                  className="mono"
                  tabIndex={0}
                  role="region"
                  aria-label={t('patientDetail.preview.jsonLabel', { request: name })}
                >
                  {JSON.stringify(request.payload, null, 2)}
                </pre>
              </details>
            </article>
          );
        })
      )}
    </section>
  );
}
