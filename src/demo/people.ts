import { Random, WeightedPicker } from './random.ts';

/**
 * Realistic but fictitious people for the demo portfolio: names, resident ID numbers,
 * mobile numbers and addresses. Nothing here is a real person; ID numbers are valid in form
 * (GB 11643-1999) so that validation code sees what it will see in production.
 */

// The most common surnames with their approximate share of the population in per mille
// (Ministry of Public Security household-registration ranking, 2020), then a tail.
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 74], ['李', 72], ['张', 69], ['刘', 55], ['陈', 46], ['杨', 32], ['黄', 23], ['赵', 22],
  ['吴', 20], ['周', 19], ['徐', 15], ['孙', 15], ['马', 15], ['朱', 14], ['胡', 13], ['郭', 12],
  ['何', 12], ['林', 11], ['高', 11], ['罗', 11], ['郑', 10], ['梁', 9], ['谢', 8], ['宋', 8],
  ['唐', 8], ['许', 7], ['韩', 7], ['邓', 7], ['冯', 7], ['曹', 6], ['彭', 6], ['曾', 6],
  ['肖', 6], ['田', 5], ['董', 5], ['潘', 5], ['袁', 5], ['蔡', 5], ['蒋', 5], ['余', 5],
  ['于', 5], ['杜', 4], ['叶', 4], ['程', 4], ['魏', 4], ['苏', 4], ['吕', 4], ['丁', 4],
  ['任', 4], ['卢', 4], ['姚', 4], ['沈', 4], ['钟', 3], ['姜', 3], ['崔', 3], ['谭', 3],
  ['陆', 3], ['范', 3], ['汪', 3], ['廖', 3], ['石', 3], ['金', 3], ['韦', 3], ['贾', 3],
  ['夏', 2], ['付', 2], ['方', 2], ['邹', 2], ['熊', 2], ['白', 2], ['孟', 2], ['秦', 2],
  ['邱', 2], ['侯', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 2], ['雷', 2],
  ['龙', 2], ['黎', 2], ['史', 2], ['陶', 2], ['贺', 2], ['毛', 2], ['郝', 2], ['顾', 2],
  ['龚', 2], ['邵', 2], ['万', 2], ['覃', 1], ['武', 2], ['钱', 1], ['戴', 1], ['严', 1],
  ['欧阳', 0.3], ['上官', 0.05], ['司马', 0.05], ['诸葛', 0.05],
];

const MALE_CHARS = [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林洋阳峰建国志文海亮成东新兵锋晨昊博翔振宏斌毅彬坤'];
const FEMALE_CHARS = [...'芳娜敏静丽艳秀娟霞燕玲桂丹萍红梅琳雪婷慧颖倩洁欣怡佳晶璐莉蕾薇月露琴云英兰凤琪瑶馨悦蓉雯莹'];
const NEUTRAL_CHARS = [...'子嘉晓思雨一文春秋梓若安心天乐'];

const surnamePicker = new WeightedPicker(SURNAMES);

export function surname(random: Random): string {
  return surnamePicker.pick(random);
}

/** A given name of one or two characters (two is more common since the 1980s). */
export function givenName(random: Random, male: boolean): string {
  const chars = male ? MALE_CHARS : FEMALE_CHARS;
  if (random.chance(0.3)) return random.pick(chars);
  const first = random.chance(0.25) ? random.pick(NEUTRAL_CHARS) : random.pick(chars);
  let second = random.pick(chars);
  if (second === first) second = random.pick(chars);
  return first + second;
}

export function personName(random: Random, male: boolean, familyName = surname(random)): string {
  return familyName + givenName(random, male);
}

// GB 11643-1999: weights 2^(17-i) mod 11 over the first 17 digits; the remainder picks the check character.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

export function idNumberCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export function isValidIdNumber(idNumber: string): boolean {
  return /^[0-9]{17}[0-9X]$/.test(idNumber) && idNumberCheckDigit(idNumber.slice(0, 17)) === idNumber[17];
}

/** Region code (6) + birth date YYYYMMDD (8) + sequence (3, odd for men) + check digit. */
export function makeIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = regionCode + birthDate.replaceAll('-', '') + String(sequence).padStart(3, '0');
  return first17 + idNumberCheckDigit(first17);
}

export interface AllocatedId {
  idNumber: string;
  birthDate: string;
  male: boolean;
}

/**
 * Hands out resident ID numbers that never repeat: the key (region, birth year) has
 * days x 999 free (day, sequence) slots, and its k-th person gets slot (k * A + B) mod slots,
 * a bijection because A is a prime that divides no slot count (365 x 999 or 366 x 999), so
 * dates and sequences look scattered while uniqueness holds by construction. Memory is one
 * counter per (region, year) used, never one entry per person.
 */
export class IdNumberAllocator {
  static readonly #MULTIPLIER = 104_729;
  readonly #seed: number;
  readonly #counters = new Map<number, number>();
  readonly #dates: string[] = [];

  constructor(seed: number) {
    this.#seed = seed >>> 0;
  }

  allocate(regionCode: string, birthYear: number): AllocatedId {
    // A small-integer key (region code and two-digit year): birth years span well under a century.
    const key = Number(regionCode) * 100 + (birthYear % 100);
    const k = this.#counters.get(key) ?? 0;
    this.#counters.set(key, k + 1);
    const days = isLeapYear(birthYear) ? 366 : 365;
    const slots = days * 999;
    if (k >= slots) throw new Error(`No free ID numbers left for ${regionCode} born ${birthYear}`);
    const offset = mix32(key ^ this.#seed) % slots;
    const slot = (k * IdNumberAllocator.#MULTIPLIER + offset) % slots;
    const sequence = 1 + Math.floor(slot / days);
    const birthDate = this.#date(birthYear, slot % days);
    return { idNumber: makeIdNumber(regionCode, birthDate, sequence), birthDate, male: sequence % 2 === 1 };
  }

  #date(year: number, dayOfYear: number): string {
    const key = (year % 200) * 366 + dayOfYear;
    return this.#dates[key] ??= new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
  }
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** A 32-bit integer hash (the murmur3 finaliser). */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** FNV-1a, 32 bits, seeded. */
export function hashString(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

// Mobile number prefixes in use by China Mobile, China Unicom and China Telecom, weighted
// roughly by subscribers; virtual-operator ranges (170/171) left out, as banks rarely hold them.
const MOBILE_PREFIXES = new WeightedPicker<string>([
  ['134', 3], ['135', 5], ['136', 5], ['137', 5], ['138', 6], ['139', 6], ['147', 1], ['150', 4],
  ['151', 4], ['152', 4], ['157', 2], ['158', 4], ['159', 4], ['172', 1], ['178', 2], ['182', 3],
  ['183', 3], ['184', 1], ['187', 4], ['188', 3], ['195', 1], ['197', 1], ['198', 2],
  ['130', 3], ['131', 3], ['132', 3], ['145', 1], ['155', 3], ['156', 3], ['166', 2], ['175', 1],
  ['176', 2], ['185', 3], ['186', 4], ['196', 1],
  ['133', 3], ['149', 1], ['153', 3], ['173', 2], ['177', 2], ['180', 3], ['181', 3], ['189', 4],
  ['190', 1], ['191', 1], ['193', 1], ['199', 2],
]);

export function mobileNumber(random: Random): string {
  return MOBILE_PREFIXES.pick(random) + random.digits(8);
}

const STREETS = ['解放', '人民', '中山', '建设', '和平', '新华', '胜利', '长江', '黄河', '文化', '光明', '团结', '幸福', '友谊',
  '朝阳', '东风', '青年', '健康', '振兴', '学府', '工业', '迎宾', '滨江', '环城', '交通', '民主', '五一', '八一'];
const STREET_SUFFIXES = [['路', 6], ['大道', 2], ['街', 3], ['东路', 1], ['西路', 1], ['北路', 1], ['南路', 1]] as const;
const ESTATES = ['花园', '小区', '家园', '公寓', '新村', '苑', '华府', '名都', '雅居', '佳园'];
const ESTATE_NAMES = ['金色', '碧桂', '阳光', '翠苑', '锦绣', '御景', '华龙', '富康', '盛世', '丽都', '东方', '书香', '翰林', '绿地'];
const TOWNS = ['城关', '新集', '石桥', '河口', '长乐', '永安', '太平', '龙泉', '白沙', '双河', '马鞍', '青山', '柳林', '高桥'];
const VILLAGES = ['王庄', '李家湾', '张湾', '刘集', '陈岗', '杨林', '黄土坡', '赵庄', '前进', '红星', '联合', '石门'];

export interface RegionNames {
  province: string;
  /** Empty for municipalities' districts and province-administered counties. */
  city: string;
  county: string;
}

/** A street address as people write it: "湖北省武汉市江岸区解放大道123号锦华苑5栋2单元801室". */
export function address(random: Random, region: RegionNames): string {
  const prefix = region.province + region.city + region.county;
  if (region.county.endsWith('县') && random.chance(0.5)) {
    return `${prefix}${random.pick(TOWNS)}镇${random.pick(VILLAGES)}村${random.int(1, 12)}组${random.int(1, 80)}号`;
  }
  const street = random.pick(STREETS) + random.weighted(STREET_SUFFIXES);
  const number = `${random.int(1, 999)}号`;
  if (random.chance(0.35)) return prefix + street + number;
  const estate = random.pick(ESTATE_NAMES) + random.pick(ESTATES);
  const room = `${random.int(1, 32)}${String(random.int(1, 4)).padStart(2, '0')}室`;
  return `${prefix}${street}${number}${estate}${random.int(1, 30)}栋${random.int(1, 6)}单元${room}`;
}

/**
 * Third parties a placement file lists. `male` undefined: either; 'opposite': the debtor's
 * spouse. Fathers and brothers share the debtor's surname; the rest usually do not.
 */
export interface Relation { relation: string; weight: number; sameSurname: boolean; male: boolean | 'opposite' | undefined }

export const RELATIONS: readonly Relation[] = [
  { relation: '配偶', weight: 30, sameSurname: false, male: 'opposite' },
  { relation: '父亲', weight: 12, sameSurname: true, male: true },
  { relation: '母亲', weight: 12, sameSurname: false, male: false },
  { relation: '兄弟', weight: 8, sameSurname: true, male: true },
  { relation: '姐妹', weight: 6, sameSurname: true, male: false },
  { relation: '同事', weight: 16, sameSurname: false, male: undefined },
  { relation: '朋友', weight: 16, sameSurname: false, male: undefined },
];
