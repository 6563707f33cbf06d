export * from './postgres';
export * from './redis';
export * from './outbox';
export * from './audit';
