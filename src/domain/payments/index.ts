export * from './allocation.ts';
export * from './commission.ts';
