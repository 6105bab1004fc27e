import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson } from '../print.ts';
import { positiveInt } from './demo.ts';

export function registerSiteCommands(program: Command): void {
  const portal = program.command('portal').description('the debtor self-service portal (/my)');
  portal.command('link')
    .description("a single-use personal link for an account's debtor (14 days), e.g. to print in a letter; --sms queues it to their own phone if the compliance engine allows")
    .requiredOption('--account <ID>', 'the account', positiveInt)
    .option('--base-url <URL>', 'the site address the link starts with', 'http://localhost:3000')
    .option('--sms', "queue the link in the outbox to the debtor's own phone")
    .option('--json', 'print {"url", "expires_at", "sms", "decision"}')
    .action(async (opts: { account: number; baseUrl: string; sms?: boolean; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { issuePortalLink }] = await Promise.all([import('../runtime.ts'), import('../../app/portal/issue-link.ts')]);
      const base = opts.baseUrl.replace(/\/+$/, '');
      const link = await withRuntime(command, ({ ctx }) => issuePortalLink(ctx, CLI_ACTOR, opts.account, { sms: Boolean(opts.sms), baseUrl: base }));
      const url = `${base}${link.path}`;
      if (opts.json) { printJson({ url, expires_at: link.expires_at, sms: link.sms, decision: link.decision }); return; }
      process.stdout.write(`${url}\nexpires ${link.expires_at}\n`);
      if (opts.sms) {
        process.stdout.write(link.sms ? `SMS queued to ${link.sms.to} (outbox ${link.sms.outbox_id})\n`
          : `SMS not sent now: ${link.decision?.reasons.map((r) => r.message).join('; ') ?? 'not allowed'}\n`);
      }
    });
}
