import { describe, expect, it } from 'vitest';
import { isOptOutReply } from './replies.ts';

describe('isOptOutReply', () => {
  it('reads the usual ways of saying stop, whatever the case, width, spaces or punctuation', () => {
    for (const reply of ['T', 'td', ' TD ', 'ＴＤ', '退订', '退订。', '退 订', 'STOP', 'Stop!', 'unsubscribe', '拒收', '取消']) {
      expect(isOptOutReply(reply), reply).toBe(true);
    }
  });
  it('reads a Spanish reader\'s ways of saying stop', () => {
    for (const reply of ['ALTO', 'alto', 'Parar.', 'PARE', 'Basta', 'cancelar', 'BAJA']) expect(isOptOutReply(reply), reply).toBe(true);
    expect(isOptOutReply('no pare de llamar')).toBe(false);
  });
  it('does not read a sentence that mentions a word as a request to stop', () => {
    for (const reply of ['不要退订', '我明天还款', '好的', 'STOP CALLING AT NIGHT PLEASE', '', 'TDD', '退订了吗？我还想收到']) {
      expect(isOptOutReply(reply), reply).toBe(false);
    }
  });
});
