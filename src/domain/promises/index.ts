export { DEFAULT_GRACE_DAYS, MAX_GRACE_DAYS, evaluatePromise, graceDaysOf, paidTowardPromise, promiseWindowEnd } from './evaluate.ts';
export type { PaymentMade, PromiseOutcome, PromiseToPay } from './evaluate.ts';
