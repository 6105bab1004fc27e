import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveColumns } from '../../domain/import/mapping.ts';
import { PiiCipher } from '../../db/pii.ts';
import { RowDigest } from './row-digest.ts';
import { PiiEncoder } from './staging.ts';

const cipher = new PiiCipher(randomBytes(32));
const pii = new PiiEncoder(cipher);
const CN_HEADER = ['账号', '姓名', '身份证号', '手机', '地址', '本金', '利息', '逾期日期'];
const CN_ROW = ['6222000000000001', '张三', '420102199003071232', '13800138000', '湖北省武汉市', '1,234.56', '0', '2026-01-15'];

/** The digest as it was computed before more placement columns existed: fourteen cells, NUL between. */
function firstDigest(cells: Record<string, string>): number {
  const order = ['account_no', 'debtor_name', 'id_number', 'phone', 'address', 'region_code', 'province', 'city', 'product', 'principal',
    'interest', 'fees', 'first_delinquency_date', 'placement_date'];
  const mac = Buffer.alloc(32);
  cipher.macInto(`placement row\0${order.map((c) => cells[c] ?? '').join('\0')}`, mac, 0);
  return mac.readUInt32BE(0) * 0x20_0000 + (mac.readUInt32BE(4) >>> 11);
}

describe('RowDigest: a placement row as one keyed number', () => {
  it('keeps the digests stored before more columns existed for a file without them, so the next daily file is still recognized', () => {
    const digest = new RowDigest(resolveColumns(CN_HEADER, 'placements')).of({ fields: CN_ROW }, pii);
    expect(digest).toBe(firstDigest({ account_no: CN_ROW[0]!, debtor_name: CN_ROW[1]!, id_number: CN_ROW[2]!, phone: CN_ROW[3]!, address: CN_ROW[4]!,
      principal: CN_ROW[5]!, interest: CN_ROW[6]!, first_delinquency_date: CN_ROW[7]! }));
  });

  it('tells rows apart by the later columns too, and an empty later column is as if the file had none', () => {
    const columns = resolveColumns([...CN_HEADER, '出生日期', 'Phone 2'], 'placements');
    const of = (birth: string, phone2: string) => new RowDigest(columns).of({ fields: [...CN_ROW, birth, phone2] }, pii);
    const plain = new RowDigest(resolveColumns(CN_HEADER, 'placements')).of({ fields: CN_ROW }, pii);
    expect(of('', '')).toBe(plain);
    expect(new Set([of('', ''), of('1990-03-07', ''), of('', '13900139000'), of('1990-03-07', '13900139000')]).size).toBe(4);
  });
});
