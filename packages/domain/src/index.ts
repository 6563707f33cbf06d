export * from './countries';
export * from './dates';
export * from './password';
export * from './patient';
export * from './questionnaire';
export * from './text';
