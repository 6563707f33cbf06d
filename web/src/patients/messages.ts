/** Messages of the patient page: filters, edit, delete and bulk add, merged into the catalogues in `i18n/en.ts` and `i18n/es.ts`. */
export const en = {} as const;

export const es: { [K in keyof typeof en]: string } = {};
