export * from './chain';
export * from './graph';
export * from './log';
