export * from './chain';
export * from './graph';
export * from './log';
export * from './settle';
export * from './plugin';
