/**
 * Chinese public holidays and adjusted workdays (调休上班日), as published each year by the
 * General Office of the State Council (国务院办公厅) in its 《关于<year>年部分节假日安排的通知》.
 * A schedule is filed under the year of its notice; a holiday range may start in the year
 * before (the 2023 New Year break began on 2022-12-31).
 *
 * Only the days the notice names are listed: weekends inside a break are weekends anyway,
 * and an adjusted workday is always a Saturday or Sunday. `calendar.ts` reads this table;
 * years not listed fall back to Monday-Friday there. Add a year when its notice appears
 * (usually in November or December of the year before).
 */
export interface ChineseHoliday {
  readonly name: string;
  readonly first: string; // 'YYYY-MM-DD', inclusive
  readonly last: string; // inclusive
}

export interface ChineseHolidaySchedule {
  readonly year: number;
  readonly notices: readonly string[];
  readonly holidays: readonly ChineseHoliday[];
  readonly adjustedWorkdays: readonly string[];
}

export const CHINESE_HOLIDAY_SCHEDULES: readonly ChineseHolidaySchedule[] = [
  {
    year: 2020,
    notices: [
      '国办发明电〔2019〕16号, 2019-11-21 (http://www.gov.cn/zhengce/content/2019-11/21/content_5454164.htm)',
      // The epidemic extension moved the end of the Spring Festival break from Jan 30 to
      // Feb 2 and cancelled the Feb 1 (Saturday) adjusted workday.
      '国办发明电〔2020〕1号 关于延长2020年春节假期的通知, 2020-01-26 (http://www.gov.cn/zhengce/content/2020-01/27/content_5472352.htm)',
    ],
    holidays: [
      { name: '元旦', first: '2020-01-01', last: '2020-01-01' },
      { name: '春节', first: '2020-01-24', last: '2020-02-02' },
      { name: '清明节', first: '2020-04-04', last: '2020-04-06' },
      { name: '劳动节', first: '2020-05-01', last: '2020-05-05' },
      { name: '端午节', first: '2020-06-25', last: '2020-06-27' },
      { name: '国庆节、中秋节', first: '2020-10-01', last: '2020-10-08' },
    ],
    adjustedWorkdays: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
  },
  {
    year: 2021,
    notices: ['国办发明电〔2020〕27号, 2020-11-25'],
    holidays: [
      { name: '元旦', first: '2021-01-01', last: '2021-01-03' },
      { name: '春节', first: '2021-02-11', last: '2021-02-17' },
      { name: '清明节', first: '2021-04-03', last: '2021-04-05' },
      { name: '劳动节', first: '2021-05-01', last: '2021-05-05' },
      { name: '端午节', first: '2021-06-12', last: '2021-06-14' },
      { name: '中秋节', first: '2021-09-19', last: '2021-09-21' },
      { name: '国庆节', first: '2021-10-01', last: '2021-10-07' },
    ],
    adjustedWorkdays: ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09'],
  },
  {
    year: 2022,
    notices: ['国办发明电〔2021〕11号, 2021-10-25'],
    holidays: [
      { name: '元旦', first: '2022-01-01', last: '2022-01-03' },
      { name: '春节', first: '2022-01-31', last: '2022-02-06' },
      { name: '清明节', first: '2022-04-03', last: '2022-04-05' },
      { name: '劳动节', first: '2022-04-30', last: '2022-05-04' },
      { name: '端午节', first: '2022-06-03', last: '2022-06-05' },
      { name: '中秋节', first: '2022-09-10', last: '2022-09-12' },
      { name: '国庆节', first: '2022-10-01', last: '2022-10-07' },
    ],
    adjustedWorkdays: ['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09'],
  },
  {
    year: 2023,
    notices: ['国办发明电〔2022〕16号, 2022-12-08'],
    holidays: [
      { name: '元旦', first: '2022-12-31', last: '2023-01-02' },
      { name: '春节', first: '2023-01-21', last: '2023-01-27' },
      { name: '清明节', first: '2023-04-05', last: '2023-04-05' },
      { name: '劳动节', first: '2023-04-29', last: '2023-05-03' },
      { name: '端午节', first: '2023-06-22', last: '2023-06-24' },
      { name: '中秋节、国庆节', first: '2023-09-29', last: '2023-10-06' },
    ],
    adjustedWorkdays: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
  },
  {
    year: 2024,
    notices: ['国办发明电〔2023〕7号, 2023-10-25'],
    holidays: [
      { name: '元旦', first: '2024-01-01', last: '2024-01-01' },
      { name: '春节', first: '2024-02-10', last: '2024-02-17' },
      { name: '清明节', first: '2024-04-04', last: '2024-04-06' },
      { name: '劳动节', first: '2024-05-01', last: '2024-05-05' },
      { name: '端午节', first: '2024-06-10', last: '2024-06-10' },
      { name: '中秋节', first: '2024-09-15', last: '2024-09-17' },
      { name: '国庆节', first: '2024-10-01', last: '2024-10-07' },
    ],
    adjustedWorkdays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  {
    year: 2025,
    // First year under the 2024 revision of 《全国年节及纪念日放假办法》: New Year's Eve
    // (除夕) and May 2 became statutory days.
    notices: ['国办发明电〔2024〕12号, 2024-11-12'],
    holidays: [
      { name: '元旦', first: '2025-01-01', last: '2025-01-01' },
      { name: '春节', first: '2025-01-28', last: '2025-02-04' },
      { name: '清明节', first: '2025-04-04', last: '2025-04-06' },
      { name: '劳动节', first: '2025-05-01', last: '2025-05-05' },
      { name: '端午节', first: '2025-05-31', last: '2025-06-02' },
      { name: '国庆节、中秋节', first: '2025-10-01', last: '2025-10-08' },
    ],
    adjustedWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    notices: ['国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04'],
    holidays: [
      { name: '元旦', first: '2026-01-01', last: '2026-01-03' },
      { name: '春节', first: '2026-02-15', last: '2026-02-23' },
      { name: '清明节', first: '2026-04-04', last: '2026-04-06' },
      { name: '劳动节', first: '2026-05-01', last: '2026-05-05' },
      { name: '端午节', first: '2026-06-19', last: '2026-06-21' },
      { name: '中秋节', first: '2026-09-25', last: '2026-09-27' },
      { name: '国庆节', first: '2026-10-01', last: '2026-10-07' },
    ],
    adjustedWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

const LUNAR = new Intl.DateTimeFormat('zh-CN-u-ca-chinese', { month: 'numeric', day: 'numeric', timeZone: 'UTC' });

/** A Gregorian date's Chinese calendar month and day ("1-1" for 正月初一; a leap month reads "闰4"), by the ICU Chinese calendar. */
function lunarOf(date: string): string {
  const parts = LUNAR.formatToParts(new Date(`${date}T00:00:00Z`));
  return `${parts.find((p) => p.type === 'month')?.value}-${parts.find((p) => p.type === 'day')?.value}`;
}

/**
 * The statutory days off of a year whose State Council notice is not shipped yet (全国年节及纪念日
 * 放假办法, as revised in 2024, in force from 2025): 元旦 1 day, 春节 4 (除夕 to 初三), 清明节 1, 劳动节
 * 2, 端午节 1, 中秋节 1, 国庆节 3. The notice adds bridging days and adjusted workdays, which cannot be
 * known before it appears: with these alone a deadline is never counted across a statutory holiday
 * as if it were a working day. Lunar dates by the ICU Chinese calendar; 清明 by the solar-term formula
 * for 2001-2099 (day = ⌊Y·0.2422 + 4.81⌋ − ⌊(Y−1)/4⌋, Y the year's last two digits).
 */
export function statutoryHolidays(year: number): ChineseHoliday[] {
  const iso = (m: number, d: number) => `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const days: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  const lunar = days.map(lunarOf);
  const on = (md: string) => days[lunar.indexOf(md)];
  const newYear = lunar.indexOf('1-1');
  const y = year % 100;
  const qingming = Math.floor(y * 0.2422 + 4.81) - Math.floor((y - 1) / 4);
  const holidays: ChineseHoliday[] = [{ name: '元旦', first: iso(1, 1), last: iso(1, 1) }];
  if (newYear > 0) holidays.push({ name: '春节', first: days[newYear - 1]!, last: days[newYear + 2]! });
  holidays.push({ name: '清明节', first: iso(4, qingming), last: iso(4, qingming) });
  holidays.push({ name: '劳动节', first: iso(5, 1), last: iso(5, 2) });
  const dragonBoat = on('5-5');
  if (dragonBoat) holidays.push({ name: '端午节', first: dragonBoat, last: dragonBoat });
  const midAutumn = on('8-15');
  if (midAutumn) holidays.push({ name: '中秋节', first: midAutumn, last: midAutumn });
  holidays.push({ name: '国庆节', first: iso(10, 1), last: iso(10, 3) });
  return holidays;
}
