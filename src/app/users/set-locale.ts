import { invalidInput } from '../../domain/errors.ts';
import { setUserLocale } from '../../db/users-repository.ts';
import type { Actor, AppContext } from '../context.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export async function setLocale(ctx: AppContext, actor: Actor, locale: string): Promise<void> {
  if (!(LOCALES as readonly string[]).includes(locale)) throw invalidInput({ en: `Locale must be one of ${LOCALES.join(', ')}`, zh: `语言（locale）必须是 ${LOCALES.join('、')} 之一` }, 'locale');
  if (actor.userId === null) return;
  await setUserLocale(ctx.pool, actor.userId, locale as Locale);
}
