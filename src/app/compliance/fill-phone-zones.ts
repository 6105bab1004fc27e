/**
 * Phones stored before their numbers' zones were kept (migration 0040) get them: each number in
 * international form (US and UK numbers, masked `(***) ***-0100` or `+44...`) whose zones were
 * never looked up is decrypted here, looked up (app/phone-zones.ts) and its zones stored, or an
 * empty list when its area is not in the map, so it is not read again. Chinese numbers (stored
 * without +86) are left alone: China has one zone. Runs in the nightly job before the strategy
 * run; after the first night it finds nothing. Nothing is shown to anyone, so nothing is audited.
 */
import { phonesWithoutZones, setPhoneZones } from '../../db/contact-state-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import type { AppContext } from '../context.ts';
import { phoneTimeZones } from '../phone-zones.ts';

const BATCH = 5_000;

export async function fillPhoneZones(ctx: AppContext): Promise<{ phones: number; zoned: number }> {
  let phones = 0;
  let zoned = 0;
  for (;;) {
    const done = await inTransaction(ctx.pool, async (client) => {
      const rows = await phonesWithoutZones(client, BATCH);
      const zones = rows.map((r) => phoneTimeZones(ctx.cipher.decrypt(r.value_enc)) ?? []);
      await setPhoneZones(client, rows.map((r) => r.id), zones);
      phones += rows.length;
      zoned += zones.filter((z) => z.length > 0).length;
      return rows.length < BATCH;
    });
    if (done) return { phones, zoned };
  }
}
