import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, COMMAND_GROUPS, commandNamed } from './main.ts';

const topLevel = (program: Command) => program.commands.map((c) => c.name());

describe('leeway command groups', () => {
  it('name exactly the top-level commands each group registers, no name in two groups', async () => {
    for (const [names, load] of COMMAND_GROUPS) {
      const program = new Command('leeway');
      (await load())(program);
      expect(topLevel(program), names.join(',')).toEqual(names);
    }
    const all = COMMAND_GROUPS.flatMap(([names]) => names);
    expect(new Set(all).size).toBe(all.length);
  });

  it('build only the named command\'s group, and every group for help or an unknown name', async () => {
    expect(topLevel(await buildProgram(['creditors', 'add', 'BANK1', '--name', 'x']))).toEqual(['creditors', 'licences', 'state-notices']);
    expect(topLevel(await buildProgram(['--data-dir', 'import', 'payments']))).toEqual(['contracts', 'payments', 'statements']);
    const all = COMMAND_GROUPS.flatMap(([names]) => names);
    for (const argv of [[], ['--help'], ['help', 'creditors'], ['frobnicate']]) {
      expect(topLevel(await buildProgram(argv)), argv.join(' ')).toEqual(all);
    }
  });

  it('find the command after the program\'s own options', () => {
    expect(commandNamed(['--data-dir', '/srv/leeway', 'import', 'placements', 'f.csv'])).toBe('import');
    expect(commandNamed(['--data-dir=/srv/leeway', 'start'])).toBe('start');
    expect(commandNamed(['--help'])).toBeNull();
  });
});
