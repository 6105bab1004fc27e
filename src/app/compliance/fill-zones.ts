/**
 * Contact points stored before their zones were kept get them, and the debtors they place.
 * - Phones (migration 0040): each number in international form (US and UK numbers, masked
 *   `(***) ***-0100` or `+44...`) whose zones were never looked up is decrypted here, looked up
 *   (app/phone-zones.ts) and its zones stored, or an empty list when its area is not in the map,
 *   so it is not read again. Chinese numbers (stored without +86) are left alone: China has one zone.
 * - Addresses of US creditors' debtors: their state's zones, narrowed by the ZIP code
 *   (domain/import/person-us.ts, usAddressZones), or an empty list when no state is found.
 * - A US creditor's debtor filed under no US zone whose placement address now has zones (a
 *   state such as Florida or Texas, whose addresses gave none before) is filed under the first,
 *   as an import files a new debtor.
 * - A US creditor's debtor with no region whose placement address names a state gets it as their
 *   region (`US-MA`), as an import files a new debtor: state laws read it (US.massachusetts_calls).
 *   A debtor whose address names none is read again the next night (there are few).
 * Runs in the nightly job before the strategy run; after the first night it finds nothing new.
 * Nothing is shown to anyone, so nothing is audited.
 */
import { fileDebtorsUnderAddressZones, phonesWithoutZones, setDebtorRegions, setPointZones, usAddressesWithoutZones, usDebtorsWithoutRegion }
  from '../../db/contact-state-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { PACKS } from '../../domain/compliance/index.ts';
import { usAddressState, usAddressZones } from '../../domain/import/person-us.ts';
import type { AppContext } from '../context.ts';
import { phoneTimeZones } from '../phone-zones.ts';

const BATCH = 5_000;

export interface ZonesFilled { phones: number; phones_zoned: number; addresses: number; addresses_zoned: number; debtors_filed: number; debtors_placed: number }

export async function fillContactZones(ctx: AppContext): Promise<ZonesFilled> {
  const phones = await fillEach(ctx, phonesWithoutZones, phoneTimeZones);
  const addresses = await fillEach(ctx, usAddressesWithoutZones, usAddressZones);
  const debtorsFiled = await fileDebtorsUnderAddressZones(ctx.pool, PACKS.US.countryZones);
  return { phones: phones.points, phones_zoned: phones.zoned, addresses: addresses.points, addresses_zoned: addresses.zoned, debtors_filed: debtorsFiled,
    debtors_placed: await fillStates(ctx) };
}

/** US debtors with no region get their placement address's state; returns how many. */
async function fillStates(ctx: AppContext): Promise<number> {
  let placed = 0;
  for (let after = 0; ;) {
    const rows = await usDebtorsWithoutRegion(ctx.pool, after, BATCH);
    const found = rows.flatMap((r) => {
      const place = usAddressState(ctx.cipher.decrypt(r.value_enc));
      return place ? [{ id: r.debtor_id, code: `US-${place.state}` }] : [];
    });
    await setDebtorRegions(ctx.pool, found.map((f) => f.id), found.map((f) => f.code));
    placed += found.length;
    if (rows.length < BATCH) return placed;
    after = rows[rows.length - 1]!.debtor_id;
  }
}

async function fillEach(ctx: AppContext, take: typeof phonesWithoutZones, zonesOf: (value: string) => readonly string[] | null):
  Promise<{ points: number; zoned: number }> {
  let points = 0;
  let zoned = 0;
  for (;;) {
    const done = await inTransaction(ctx.pool, async (client) => {
      const rows = await take(client, BATCH);
      const zones = rows.map((r) => zonesOf(ctx.cipher.decrypt(r.value_enc)) ?? []);
      await setPointZones(client, rows.map((r) => r.id), zones);
      points += rows.length;
      zoned += zones.filter((z) => z.length > 0).length;
      return rows.length < BATCH;
    });
    if (done) return { points, zoned };
  }
}
