export * from './complaint.ts';
export * from './settlement.ts';
