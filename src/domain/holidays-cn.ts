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
