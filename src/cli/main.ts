import { Command, CommanderError } from 'commander';
import { AppError } from '../domain/errors.ts';
import { registerAssignmentCommands } from './commands/assignment.ts';
import { registerPrivacyCommands } from './commands/privacy.ts';
import { registerExportCommands } from './commands/export.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerMessageCommands } from './commands/messages.ts';
import { registerComplianceCommands } from './commands/compliance.ts';
import { registerContactCommands } from './commands/contacts.ts';
import { registerHoldCommands } from './commands/holds.ts';
import { registerSuspensionCommands } from './commands/suspensions.ts';
import { registerCreditorCommands } from './commands/creditors.ts';
import { registerPlacementCommands } from './commands/placements.ts';
import { registerUserCommands } from './commands/users.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerHardshipCommands } from './commands/hardship.ts';
import { registerImportCommands } from './commands/import.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerStartCommand } from './commands/start.ts';
import { registerStrategyCommands } from './commands/strategy.ts';
import { registerCasesCommands } from './commands/cases.ts';
import { registerReportCommands } from './commands/reports.ts';
import { registerMoneyCommands } from './commands/money.ts';
import { registerSiteCommands } from './commands/site.ts';
import { registerLetterCommands } from './commands/letters.ts';
import { registerBackupCommands } from './commands/backup.ts';

/** Exit codes: 0 ok, 2 bad usage or input (with a clear message), 1 failure. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export function buildProgram(): Command {
  const program = new Command('leeway')
    .description('Leeway: collections platform for agencies recovering overdue consumer debt')
    .option('--data-dir <dir>', 'data directory (default: $LEEWAY_DATA_DIR or ./data)')
    .showHelpAfterError()
    .exitOverride();
  registerStartCommand(program);
  registerMigrateCommand(program);
  registerBackupCommands(program);
  registerDemoCommand(program);
  registerCreditorCommands(program);
  registerPlacementCommands(program);
  registerUserCommands(program);
  registerImportCommands(program);
  registerAuditCommands(program);
  registerMessageCommands(program);
  registerComplianceCommands(program);
  registerContactCommands(program);
  registerSuspensionCommands(program);
  registerHoldCommands(program);
  registerHardshipCommands(program);
  registerAssignmentCommands(program);
  registerStrategyCommands(program);
  registerCasesCommands(program);
  registerReportCommands(program);
  registerMoneyCommands(program);
  registerSiteCommands(program);
  registerLetterCommands(program);
  registerPrivacyCommands(program);
  registerExportCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    process.exitCode = exitCodeFor(error);
    if (error instanceof AppError) {
      process.stderr.write(`leeway: ${error.message}\n`);
    } else if (!(error instanceof CommanderError)) {
      process.stderr.write(`leeway: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    }
  }
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version exit through here with code 0.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof AppError) return ['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT'].includes(error.code) ? EXIT_USAGE : EXIT_FAILURE;
  return EXIT_FAILURE;
}
