import fs from 'node:fs';
import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { invalidInput } from '../../domain/errors.ts';
import { printJson } from '../print.ts';

export function registerContactCommands(program: Command): void {
  const contacts = program.command('contacts').description('contact planning under the compliance rules');
  contacts.command('plan')
    .description('the call or SMS list for a date (and team): only debtors allowed at the planned time, with counts left out per rule')
    .requiredOption('--date <YYYY-MM-DD>', 'the business date of the plan')
    .requiredOption('--channel <call|sms>', 'call or sms')
    .option('--team <TEAM>', 'team id or name (default: every team)')
    .option('--time <HH:MM>', "planned time in the agency's zone", '09:00')
    .option('--out <FILE>', 'write the list as CSV (account_id,creditor,debtor_id,collector_id,contact_point_id,phone_mask)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { date: string; channel: string; team?: string; time: string; out?: string; json?: boolean }, command: Command) => {
      if (opts.channel !== 'call' && opts.channel !== 'sms') {
        throw invalidInput({ en: `--channel must be call or sms, not "${opts.channel}"`, zh: `--channel 必须是 call 或 sms，而不是“${opts.channel}”` }, 'channel');
      }
      const channel = opts.channel;
      const [{ withRuntime }, { planContacts }, { findTeam }] = await Promise.all([
        import('../runtime.ts'), import('../../app/compliance/plan-contacts.ts'), import('../../db/contact-plan-repository.ts')]);
      const out = opts.out ? fs.createWriteStream(opts.out) : undefined;
      out?.write('account_id,creditor_code,debtor_id,collector_id,contact_point_id,phone_mask\n');
      const summary = await withRuntime(command, async ({ ctx }) => {
        let teamId: number | null = null;
        if (opts.team) {
          const team = await findTeam(ctx.pool, opts.team);
          if (!team) throw invalidInput({ en: `No team "${opts.team}" (give its id or exact name)`, zh: `没有小组“${opts.team}”（请填写小组的 id 或完整名称）` }, 'team');
          teamId = team.id;
        }
        return planContacts(ctx, CLI_ACTOR, { date: opts.date, time: opts.time, channel, teamId }, (c) => {
          out?.write(`${c.account_id},${c.creditor_code},${c.debtor_id},${c.collector_id ?? ''},${c.contact_point_id},${c.phone_mask ?? ''}\n`);
        });
      });
      if (out) await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      if (opts.json) { printJson({ ...summary, out: opts.out ?? null }); return; }
      process.stdout.write(`${channel === 'call' ? 'Call' : 'SMS'} plan for ${summary.date} ${summary.time}: ${summary.included} of ${summary.accounts} accounts allowed` +
        `${opts.out ? ` (written to ${opts.out})` : ''}; left out:\n`);
      for (const [rule, n] of Object.entries(summary.left_out_by_rule).sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${rule.padEnd(28)} ${n}\n`);
    });
}
