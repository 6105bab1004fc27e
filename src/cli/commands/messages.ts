import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson } from '../print.ts';

export function registerMessageCommands(program: Command): void {
  const messages = program.command('messages').description('the message outbox: SMS and e-mail reminders, portal links and codes (docs/messages.md)');
  messages.command('dispatch')
    .description('send what is due now, each message judged again by the compliance engine (the server does this by itself every minute)')
    .option('--json', 'print {"sent", "failed", "deferred", "cancelled", "expired"}')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const [{ withRuntime }, { dispatchNow }, { channelFromEnv }] = await Promise.all([import('../runtime.ts'),
        import('../../app/messages/manage-outbox.ts'), import('../../channels/index.ts')]);
      const channel = channelFromEnv();
      const summary = await withRuntime(command, ({ ctx }) => dispatchNow(ctx, CLI_ACTOR, channel));
      if (opts.json) { printJson(summary); return; }
      process.stdout.write(`Outbox (${channel.name}): ${summary.sent} sent, ${summary.failed} failed, ${summary.deferred} deferred, ` +
        `${summary.cancelled} cancelled, ${summary.expired} expired\n`);
    });
  messages.command('list')
    .description('the newest messages first, with why any was stopped')
    .option('--status <STATUS>', 'queued, sending, sent, failed, cancelled or expired')
    .option('--before <ID>', 'only messages older than this id')
    .option('--limit <N>', 'how many (1-200)', '50')
    .option('--json', 'print {"adapter", "counts", "items", "next_before"}')
    .action(async (opts: { status?: string; before?: string; limit: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { listOutboxMessages }, { channelFromEnv }] = await Promise.all([import('../runtime.ts'),
        import('../../app/messages/manage-outbox.ts'), import('../../channels/index.ts')]);
      const page = await withRuntime(command, ({ ctx }) => listOutboxMessages(ctx, CLI_ACTOR, channelFromEnv(),
        { status: opts.status, limit: Math.min(200, Number(opts.limit) || 50), before: opts.before === undefined ? undefined : Number(opts.before) || undefined }));
      if (opts.json) { printJson(page); return; }
      process.stdout.write(`${Object.entries(page.counts).map(([s, n]) => `${s} ${n}`).join(', ')}\n`);
      for (const m of page.items) {
        const why = m.reasons.length ? `  (${m.reasons.map((r) => r.message).join(' ')})` : m.error ? `  (${m.error})` : '';
        process.stdout.write(`${String(m.id).padStart(7)}  ${m.created_at}  ${m.status.padEnd(9)}  ${m.to}  ${m.body.slice(0, 60)}${why}\n`);
      }
      if (page.next_before !== null) process.stdout.write(`(older messages: --before ${page.next_before})\n`);
    });
  messages.command('test-email')
    .description('send one fixed test e-mail through the mail server (LEEWAY_SMTP_URL) to the address given, to check the settings')
    .requiredOption('--to <ADDRESS>', 'where to send it (your own address)')
    .option('--json', 'print {"ok", "to", "provider_ref" | "error"}')
    .action(async (opts: { to: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { sendTestEmail }, { emailAdapterFromEnv }] = await Promise.all([import('../runtime.ts'),
        import('../../app/messages/test-email.ts'), import('../../channels/index.ts')]);
      const mail = emailAdapterFromEnv();
      const result = await withRuntime(command, ({ ctx }) => sendTestEmail(ctx, CLI_ACTOR, mail, opts.to));
      if (!result.ok) process.exitCode = 1;
      if (opts.json) { printJson(result); return; }
      process.stdout.write(result.ok ? `Test e-mail to ${result.to} accepted by the mail server (${result.provider_ref})\n`
        : `Test e-mail to ${result.to} not sent: ${result.error}\n`);
    });
}
