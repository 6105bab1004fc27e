import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../domain/errors.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * A gateway's door into the API (SMS replies and receipts, call events): open only with its
 * token (`Authorization: Bearer <token>`, compared in constant time), and closed (404, saying
 * which variable opens it) when no token is configured.
 */
export function gatewayDoor(token: string | undefined, door: { variable: string; en: string; zh: string }): (authorization: string | undefined) => void {
  return (authorization) => {
    if (!token) throw new AppError('NOT_FOUND', { en: `No ${door.en} here: set ${door.variable} to open this door`, zh: `未配置${door.zh}（请设置 ${door.variable}）` });
    const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(given), digest(token))) {
      throw new AppError('UNAUTHENTICATED', { en: `The ${door.en} token is missing or wrong`, zh: `${door.zh}的令牌缺失或不正确` });
    }
  };
}
