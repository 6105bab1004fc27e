export * from './outcomes.ts';
export * from './queue.ts';
export * from './promise.ts';
export * from './lost-contact.ts';
export * from './callback-time.ts';
