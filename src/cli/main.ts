import { Command, CommanderError } from 'commander';
import { AppError } from '../domain/errors.ts';

/** Exit codes: 0 ok, 2 bad usage or input (with a clear message), 1 failure. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

type Register = (program: Command) => void;

/**
 * The command groups, in the order `leeway --help` lists them, each with the top-level commands
 * it defines. A command loads only its own group's modules: a process that loaded every group
 * (some 400 modules) spent about a second starting before doing anything, which every script
 * and cron job calling `leeway` paid. main.test.ts checks the names against what each group
 * registers.
 */
export const COMMAND_GROUPS: ReadonlyArray<readonly [names: readonly string[], load: () => Promise<Register>]> = [
  [['start'], async () => (await import('./commands/start.ts')).registerStartCommand],
  [['migrate'], async () => (await import('./commands/migrate.ts')).registerMigrateCommand],
  [['backup', 'restore'], async () => (await import('./commands/backup.ts')).registerBackupCommands],
  [['demo'], async () => (await import('./commands/demo.ts')).registerDemoCommand],
  [['creditors', 'licences', 'state-notices'], async () => (await import('./commands/creditors.ts')).registerCreditorCommands],
  [['placements'], async () => (await import('./commands/placements.ts')).registerPlacementCommands],
  [['users', 'teams'], async () => (await import('./commands/users.ts')).registerUserCommands],
  [['import'], async () => (await import('./commands/import.ts')).registerImportCommands],
  [['audit'], async () => (await import('./commands/audit.ts')).registerAuditCommands],
  [['messages'], async () => (await import('./commands/messages.ts')).registerMessageCommands],
  [['compliance'], async () => (await import('./commands/compliance.ts')).registerComplianceCommands],
  [['contacts'], async () => (await import('./commands/contacts.ts')).registerContactCommands],
  [['suspend', 'suspensions'], async () => (await import('./commands/suspensions.ts')).registerSuspensionCommands],
  [['holds'], async () => (await import('./commands/holds.ts')).registerHoldCommands],
  [['hardship'], async () => (await import('./commands/hardship.ts')).registerHardshipCommands],
  [['territories', 'assign', 'collectors'], async () => (await import('./commands/assignment.ts')).registerAssignmentCommands],
  [['strategy'], async () => (await import('./commands/strategy.ts')).registerStrategyCommands],
  [['nightly'], async () => (await import('./commands/nightly.ts')).registerNightlyCommand],
  [['cases'], async () => (await import('./commands/cases.ts')).registerCasesCommands],
  [['reports'], async () => (await import('./commands/reports.ts')).registerReportCommands],
  [['contracts', 'payments', 'statements'], async () => (await import('./commands/money.ts')).registerMoneyCommands],
  [['portal'], async () => (await import('./commands/site.ts')).registerSiteCommands],
  [['letters'], async () => (await import('./commands/letters.ts')).registerLetterCommands],
  [['privacy'], async () => (await import('./commands/privacy.ts')).registerPrivacyCommands],
  [['export'], async () => (await import('./commands/export.ts')).registerExportCommands],
];

/** The program with its own options and no commands yet. */
function rootProgram(): Command {
  return new Command('leeway')
    .description('Leeway: collections platform for agencies recovering overdue consumer debt')
    .option('--data-dir <dir>', 'data directory (default: $LEEWAY_DATA_DIR or ./data)')
    .showHelpAfterError()
    .exitOverride();
}

/** The top-level command the arguments name (after the program's own options, as commander reads them), or null. */
export function commandNamed(argv: readonly string[]): string | null {
  return rootProgram().parseOptions([...argv]).operands[0] ?? null;
}

/**
 * The program for these arguments: the group of the command they name, or every group (for
 * `leeway --help`, `leeway help ...` and a name no group has, which commander then refuses).
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = rootProgram();
  const name = commandNamed(argv);
  const group = COMMAND_GROUPS.find(([names]) => name !== null && names.includes(name));
  const registers = await Promise.all((group ? [group] : COMMAND_GROUPS).map(([, load]) => load()));
  for (const register of registers) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    process.exitCode = exitCodeFor(error);
    if (error instanceof AppError) {
      process.stderr.write(`leeway: ${error.message}\n`);
      // A script that asked for JSON gets the refusal as JSON too, where it reads the answer.
      if (argv.includes('--json')) {
        process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message, message_zh: error.messageZh, ...(error.field ? { field: error.field } : {}) } })}\n`);
      }
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
