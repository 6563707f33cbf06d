import type { ReactNode } from 'react';
import type { PatientDetailQueryQuery } from '../__generated__/graphql';
import { useI18n } from '../i18n/I18nProvider';
import { useFormatters } from '../lib/format';
import { specialtyName } from './specialty';

type Patient = NonNullable<PatientDetailQueryQuery['patient']>;

/** Every demographic field; optional ones show a dash when empty. */
export function Demographics({ patient, organizationName }: { patient: Patient; organizationName: string | null }) {
  const { t } = useI18n();
  const format = useFormatters();
  const none = t('patientDetail.none');
  const { address, emergencyContact, insurance, primaryCarePhysician } = patient;

  const rows: [string, ReactNode][] = [
    [t('patientDetail.field.name'), `${patient.firstName} ${patient.lastName}`],
    [t('patientDetail.field.mrn'), <span className="mono">{patient.mrn}</span>],
    [
      t('patientDetail.field.dateOfBirth'),
      <time dateTime={patient.dateOfBirth}>{format.date(patient.dateOfBirth)}</time>,
    ],
    [t('patientDetail.field.gender'), t(`gender.${patient.gender}`)],
    [t('patientDetail.field.phone'), patient.phone ? format.phone(patient.phone) : none],
    [t('patientDetail.field.email'), patient.email ?? none],
    [
      t('patientDetail.field.address'),
      address ? (
        <address>
          {address.line1}
          {address.line2 && (
            <>
              <br />
              {address.line2}
            </>
          )}
          <br />
          {address.city}, {address.state} {address.postalCode}
          <br />
          {address.country}
        </address>
      ) : (
        none
      ),
    ],
    [
      t('patientDetail.field.emergencyContact'),
      emergencyContact
        ? t('patientDetail.emergencyContact', {
            name: emergencyContact.name,
            relationship: emergencyContact.relationship,
            phone: format.phone(emergencyContact.phone),
          })
        : none,
    ],
    [
      t('patientDetail.field.insurance'),
      insurance
        ? t('patientDetail.insurance', { provider: insurance.provider, policyNumber: insurance.policyNumber })
        : none,
    ],
    [t('patientDetail.field.preferredLanguage'), t(patient.preferredLanguage === 'ES' ? 'language.es' : 'language.en')],
    [
      t('patientDetail.field.pcp'),
      primaryCarePhysician
        ? t('patientDetail.pcp', {
            name: primaryCarePhysician.displayName,
            specialty: specialtyName(t, primaryCarePhysician.specialty),
          })
        : none,
    ],
    [t('patientDetail.field.organization'), organizationName ?? patient.organization.id],
    [t('patientDetail.field.ehrSystem'), patient.ehrSystem?.name ?? t('patientDetail.unavailable.short')],
    [
      t('patientDetail.field.registered'),
      <time dateTime={patient.createdAt}>{format.dateTime(patient.createdAt)}</time>,
    ],
    [t('patientDetail.field.updated'), <time dateTime={patient.updatedAt}>{format.dateTime(patient.updatedAt)}</time>],
  ];

  return (
    <section className="card patient-detail__section" aria-labelledby="patient-demographics">
      <h2 id="patient-demographics">{t('patientDetail.demographics.title')}</h2>
      <dl className="detail-list">
        {rows.map(([label, value]) => (
          <div key={label} className="detail-list__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
