import type { Command } from 'commander';
import { registerContractCommands } from './contracts.ts';
import { registerPaymentCommands } from './payments.ts';
import { registerStatementCommands } from './statements.ts';

/** `leeway contracts`, `leeway payments`, `leeway statements` (docs/money.md). */
export function registerMoneyCommands(program: Command): void {
  registerContractCommands(program);
  registerPaymentCommands(program);
  registerStatementCommands(program);
}
