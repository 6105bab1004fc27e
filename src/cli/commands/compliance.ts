import type { Command } from 'commander';

export function registerComplianceCommands(program: Command): void {
  program.command('compliance').description('contact compliance engine');
}
