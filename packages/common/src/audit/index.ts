export * from './chain';
export * from './change';
export * from './graph';
export * from './log';
export * from './settle';
export * from './coalesce';
export * from './plugin';
