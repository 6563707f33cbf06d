import { describe, expect, it } from 'vitest';
import { en } from './en';
import { format, type Translate } from './I18nProvider';
import { plural } from './plural';

const t: Translate = (key, values) => format(en[key], values);

describe('plural', () => {
  it('says 1 with the `.one` message, and other counts with the base (`key`, `{count}`)', () => {
    expect(plural(t, 'patients.count', 1)).toBe('1 patient');
    expect(plural(t, 'patients.count', 0)).toBe(format(en['patients.count'], { count: 0 }));
    expect(plural(t, 'patients.count', 3)).toBe(format(en['patients.count'], { count: 3 }));
  });

  it('uses the `.other` form where the catalogue has one', () => {
    expect(plural(t, 'bulk.patients', 1)).toBe('1 patient');
    expect(plural(t, 'bulk.patients', 2)).toBe('2 patients');
    // `bulk.update.confirm` is also a message of its own (the label before counting).
    expect(plural(t, 'bulk.update.confirm', 4)).toBe('Change 4 patients');
  });

  it('takes both forms named outright', () => {
    const forms = { one: 'patientDetail.resend.one', other: 'patientDetail.resend.done' } as const;
    expect(plural(t, forms, 1)).toBe(en['patientDetail.resend.one']);
    expect(plural(t, forms, 2)).toBe(format(en['patientDetail.resend.done'], { count: 2 }));
  });
});
