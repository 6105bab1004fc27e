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
import { inTransaction, type PoolClient } from '../../db/pool.ts';
import { PACKS } from '../../domain/compliance/index.ts';
import { usAddressState, usPlaceZones } from '../../domain/import/person-us.ts';
import type { AppContext } from '../context.ts';
import { phoneTimeZones } from '../phone-zones.ts';

const BATCH = 5_000;

export interface ZonesFilled { phones: number; phones_zoned: number; addresses: number; addresses_zoned: number; debtors_filed: number; debtors_placed: number }

export async function fillContactZones(ctx: AppContext): Promise<ZonesFilled> {
  const phones = await fillEach(ctx, phonesWithoutZones, phoneTimeZones, (zones) => zones ?? []);
  // An address is read once: its zones for the point, its state for a placed debtor still without a region.
  let placed = 0;
  const addresses = await fillEach(ctx, usAddressesWithoutZones, usAddressState, (place) => (place ? usPlaceZones(place) : []),
    async (client, rows, places) => {
      const found = rows.flatMap((r, i) => (r.placed && places[i] ? [{ id: r.debtor_id, code: `US-${places[i]!.state}` }] : []));
      placed += await setDebtorRegions(client, found.map((f) => f.id), found.map((f) => f.code));
    });
  const debtorsFiled = await fileDebtorsUnderAddressZones(ctx.pool, PACKS.US.countryZones);
  return { phones: phones.points, phones_zoned: phones.zoned, addresses: addresses.points, addresses_zoned: addresses.zoned, debtors_filed: debtorsFiled,
    debtors_placed: placed + await fillStates(ctx) };
}

/**
 * US debtors still with no region (their placement address was zoned before, by a file that did
 * not read states) get their placement address's state; returns how many.
 */
async function fillStates(ctx: AppContext): Promise<number> {
  let placed = 0;
  for (let after = 0; ;) {
    const rows = await usDebtorsWithoutRegion(ctx.pool, after, BATCH);
    const found = rows.flatMap((r) => {
      const place = usAddressState(ctx.cipher.decrypt(r.value_enc));
      return place ? [{ id: r.debtor_id, code: `US-${place.state}` }] : [];
    });
    placed += await setDebtorRegions(ctx.pool, found.map((f) => f.id), found.map((f) => f.code));
    if (rows.length < BATCH) return placed;
    after = rows[rows.length - 1]!.debtor_id;
  }
}

/**
 * Takes batches of points without zones, decrypts and reads each once (`read`), stores its zones
 * (an empty list: none known) and hands the batch and what was read on (`also`), in one
 * transaction per batch.
 */
async function fillEach<R extends { id: number; value_enc: Buffer }, T>(ctx: AppContext, take: (db: PoolClient, limit: number) => Promise<R[]>,
  read: (value: string) => T, zonesOf: (read: T) => readonly string[], also?: (db: PoolClient, rows: readonly R[], read: readonly T[]) => Promise<void>):
  Promise<{ points: number; zoned: number }> {
  let points = 0;
  let zoned = 0;
  for (;;) {
    const done = await inTransaction(ctx.pool, async (client) => {
      const rows = await take(client, BATCH);
      const values = rows.map((r) => read(ctx.cipher.decrypt(r.value_enc)));
      const zones = values.map(zonesOf);
      await setPointZones(client, rows.map((r) => r.id), zones);
      await also?.(client, rows, values);
      points += rows.length;
      zoned += zones.filter((z) => z.length > 0).length;
      return rows.length < BATCH;
    });
    if (done) return { points, zoned };
  }
}
