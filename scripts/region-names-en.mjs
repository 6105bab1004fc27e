// Writes src/db/migrations/0071_region_english_names.sql: the English name (name_en) of every
// GB/T 2260 region in 0002_regions.sql, as English-language maps and the Ministry of Civil
// Affairs write them: the proper name in Hanyu Pinyin as one word without tones (Xi'an, Lüliang),
// then the kind of division in English (District, County, Banner, Autonomous Prefecture...).
// A city (市) is its name alone (Shenzhen); a one-syllable name keeps its generic (津市 Jinshi).
//
// Run by hand when the regions change: `node scripts/region-names-en.mjs`. pinyin-pro reads
// words in context, but place names keep old readings no dictionary gets right (乐清 Yueqing,
// 洪洞 Hongtong, 单县 Shan): READINGS lists them, and wins.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = fs.readFileSync(path.join(root, 'src/db/migrations/0002_regions.sql'), 'utf8');
const target = path.join(root, 'src/db/migrations/0071_region_english_names.sql');

/** Provinces by their conventional English names. */
const PROVINCES = {
  110000: 'Beijing', 120000: 'Tianjin', 130000: 'Hebei', 140000: 'Shanxi', 150000: 'Inner Mongolia',
  210000: 'Liaoning', 220000: 'Jilin', 230000: 'Heilongjiang', 310000: 'Shanghai', 320000: 'Jiangsu',
  330000: 'Zhejiang', 340000: 'Anhui', 350000: 'Fujian', 360000: 'Jiangxi', 370000: 'Shandong',
  410000: 'Henan', 420000: 'Hubei', 430000: 'Hunan', 440000: 'Guangdong', 450000: 'Guangxi',
  460000: 'Hainan', 500000: 'Chongqing', 510000: 'Sichuan', 520000: 'Guizhou', 530000: 'Yunnan',
  540000: 'Xizang (Tibet)', 610000: 'Shaanxi', 620000: 'Gansu', 630000: 'Qinghai', 640000: 'Ningxia',
  650000: 'Xinjiang', 710000: 'Taiwan', 810000: 'Hong Kong', 820000: 'Macao',
};

/** Divisions whose name is not "proper name + generic". */
const WHOLE = {
  省直辖县级行政区划: 'County-level divisions under the province',
  自治区直辖县级行政区划: 'County-level divisions under the region',
  乌拉盖管理区管委会: 'Wulagai Administrative Area',
  大柴旦行政委员会: 'Da Qaidam Administrative Committee',
  中沙群岛的岛礁及其海域: 'Zhongsha Islands',
};

/** Place names whose reading differs from the everyday one (地名异读). */
const READINGS = {
  乐清: 'yue qing', 乐亭: 'lao ting', 单: 'shan', 歙: 'she', 洪洞: 'hong tong', 大埔: 'da bu',
  涡阳: 'guo yang', 筠连: 'jun lian', 蔚: 'yu', 都安: 'du an', 覃塘: 'tan tang', 大城: 'da cheng',
  浚: 'xun', 繁峙: 'fan shi', 长子: 'zhang zi', 枞阳: 'zong yang', 黄陂: 'huang pi', 东阿: 'dong e',
  犍为: 'qian wei', 荥阳: 'xing yang', 荥经: 'ying jing', 郏: 'jia', 蠡: 'li', 莒: 'ju', 郯城: 'tan cheng',
  茌平: 'chi ping', 鄄城: 'juan cheng', 阆中: 'lang zhong', 綦江: 'qi jiang', 酉阳: 'you yang', 黟: 'yi',
  鄱阳: 'po yang', 铅山: 'yan shan', 弋阳: 'yi yang', 泌阳: 'bi yang', 尉犁: 'yu li', 尉氏: 'wei shi',
  睢: 'sui', 睢宁: 'sui ning', 睢阳: 'sui yang', 渑池: 'mian chi', 宿州: 'su zhou', 宿迁: 'su qian',
  宿松: 'su song', 宿城: 'su cheng', 宿豫: 'su yu', 泊头: 'bo tou', 台儿庄: 'tai er zhuang',
  六合: 'lu he', 六安: 'lu an', 天台: 'tian tai', 临朐: 'lin qu', 冠: 'guan', 柘城: 'zhe cheng',
  郸城: 'dan cheng', 隰: 'xi', 岢岚: 'ke lan', 沁: 'qin', 长清: 'chang qing', 济阳: 'ji yang',
  会同: 'hui tong', 番禺: 'pan yu', 丽水: 'li shui', 丽江: 'li jiang', 蚌埠: 'beng bu', 亳州: 'bo zhou',
  乐昌: 'le chang', 乐东: 'le dong', 乐山: 'le shan', 乐平: 'le ping', 乐安: 'le an', 乐业: 'le ye',
  乐至: 'le zhi', 乐陵: 'le ling', 长乐: 'chang le', 长垣: 'chang yuan', 句容: 'ju rong', 嵊州: 'sheng zhou',
  成都: 'cheng du', 郫都: 'pi du', 都江堰: 'du jiang yan', 首都: 'shou du', 大同: 'da tong', 华阴: 'hua yin',
  华州: 'hua zhou', 相城: 'xiang cheng', 朝阳: 'chao yang', 重庆: 'chong qing', 长沙: 'chang sha',
  巴音郭楞: 'ba yin guo leng', 厦门: 'xia men', 曲阜: 'qu fu', 吐鲁番: 'tu lu fan', 莎车: 'sha che',
  和硕: 'he shuo', 和静: 'he jing', 和田: 'he tian', 和布克赛尔: 'he bu ke sai er', 喀什: 'ka shi',
  那曲: 'na qu', 噶尔: 'ga er', 扎囊: 'zha nang', 牟平: 'mu ping', 费: 'fei', 解放: 'jie fang',
  尉: 'wei', 大宁: 'da ning', 单县: 'shan xian', 都: 'du', 什: 'shi',
};

/** Cities and prefectures known abroad by their own language's name (Lhasa, not Lasa). */
const NATIVE = {
  150100: 'Hohhot', 150600: 'Ordos', 150700: 'Hulunbuir', 150800: 'Bayannur', 150900: 'Ulanqab',
  152200: 'Hinggan League', 152500: 'Xilingol League', 152900: 'Alxa League', 230100: 'Harbin',
  230200: 'Qiqihar', 513200: 'Ngawa Tibetan and Qiang Autonomous Prefecture',
  513300: 'Garze Tibetan Autonomous Prefecture', 540100: 'Lhasa', 540200: 'Shigatse', 540300: 'Qamdo',
  540400: 'Nyingchi', 540600: 'Nagqu', 542500: 'Ngari Prefecture', 632600: 'Golog Tibetan Autonomous Prefecture',
  650100: 'Urumqi', 650200: 'Karamay', 650400: 'Turpan', 652700: 'Bortala Mongol Autonomous Prefecture',
  652800: 'Bayingolin Mongol Autonomous Prefecture', 652900: 'Aksu Prefecture',
  653000: 'Kizilsu Kirgiz Autonomous Prefecture', 653100: 'Kashgar Prefecture', 653200: 'Hotan Prefecture',
  654000: 'Ili Kazak Autonomous Prefecture', 654300: 'Altay Prefecture',
};

/** Ethnic groups named in autonomous divisions (自治州/县/旗), as those divisions write them. */
const ETHNIC = {
  蒙古: 'Mongol', 回: 'Hui', 藏: 'Tibetan', 维吾尔: 'Uygur', 苗: 'Miao', 彝: 'Yi', 壮: 'Zhuang',
  布依: 'Bouyei', 朝鲜: 'Korean', 满: 'Manchu', 侗: 'Dong', 瑶: 'Yao', 白: 'Bai', 土家: 'Tujia',
  哈尼: 'Hani', 哈萨克: 'Kazak', 傣: 'Dai', 黎: 'Li', 傈僳: 'Lisu', 佤: 'Va', 畲: 'She', 拉祜: 'Lahu',
  水: 'Sui', 东乡: 'Dongxiang', 纳西: 'Naxi', 景颇: 'Jingpo', 柯尔克孜: 'Kirgiz', 土: 'Tu',
  达斡尔: 'Daur', 仫佬: 'Mulao', 羌: 'Qiang', 布朗: 'Blang', 撒拉: 'Salar', 毛南: 'Maonan',
  仡佬: 'Gelao', 锡伯: 'Xibe', 普米: 'Pumi', 塔吉克: 'Tajik', 怒: 'Nu', 鄂温克: 'Ewenki',
  保安: 'Bonan', 裕固: 'Yugur', 鄂伦春: 'Oroqen', 独龙: 'Derung', 各: 'Various Nationalities',
};

/** Generic parts of a name, longest first, with their English. */
const GENERICS = [
  ['自治州', 'Autonomous Prefecture'], ['自治县', 'Autonomous County'], ['自治旗', 'Autonomous Banner'],
  ['市辖区', 'Districts'], ['矿区', 'Mining District'], ['林区', 'Forestry District'], ['特区', 'Special District'],
  ['新区', 'New Area'], ['新城', 'New Town'], ['群岛', 'Islands'], ['地区', 'Prefecture'], ['区', 'District'],
  ['县', 'County'], ['旗', 'Banner'], ['盟', 'League'], ['市', ''],
];

/** Hanyu Pinyin of a proper name as one capitalised word, with the syllable apostrophe (Xi'an). */
function romanise(name) {
  const syllables = [];
  let rest = name;
  while (rest.length > 0) {
    const known = Object.keys(READINGS).filter((w) => rest.startsWith(w)).sort((a, b) => b.length - a.length)[0];
    if (known) {
      syllables.push(...READINGS[known].split(' '));
      rest = rest.slice(known.length);
      continue;
    }
    // the longest stretch before the next known word is read by pinyin-pro in context
    let end = rest.length;
    for (let i = 1; i < rest.length; i++) if (Object.keys(READINGS).some((w) => rest.startsWith(w, i))) { end = i; break; }
    syllables.push(...pinyin(rest.slice(0, end), { toneType: 'none', type: 'array', v: false }));
    rest = rest.slice(end);
  }
  const word = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
  if (!/^[a-zü']+$/.test(word)) throw new Error(`cannot romanise ${name}: ${word}`);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A division's name split into its proper name, the ethnic groups it names, and its generic. */
function englishName(name, code, level, parentEn) {
  if (level === 'province') {
    if (!PROVINCES[code]) throw new Error(`no English name for province ${code} ${name}`);
    return PROVINCES[code];
  }
  if (NATIVE[code]) return NATIVE[code];
  if (WHOLE[name]) return WHOLE[name];
  if (name === '重庆市县') return 'Chongqing Counties';
  const generic = GENERICS.find(([zh]) => name.endsWith(zh) && name.length > zh.length)
    ?? (name === '矿区' ? ['矿区', 'Mining District'] : undefined);
  if (!generic) throw new Error(`no generic in ${code} ${name}`);
  let proper = name.slice(0, name.length - generic[0].length);
  if (generic[0] === '市辖区') return `${parentEn} Districts`;
  if (proper === '' ) return generic[1];
  const groups = [];
  if (generic[0].startsWith('自治')) {
    for (;;) {
      const hit = Object.keys(ETHNIC)
        .flatMap((zh) => [`${zh}族`, ...(zh.length > 1 ? [zh] : [])])
        .filter((zh) => proper.endsWith(zh) && proper.length >= zh.length)
        .sort((a, b) => b.length - a.length)[0];
      if (!hit) break;
      groups.unshift(ETHNIC[hit.replace(/族$/, '')]);
      proper = proper.slice(0, proper.length - hit.length);
      if (proper === '') break;
    }
    if (groups.length === 0) throw new Error(`no ethnic group in ${code} ${name}`);
  }
  // a one-syllable proper name keeps its generic in the name: 津市 Jinshi, 沙县 Sha County
  const properEn = proper === '' ? '' : proper.length === 1 && generic[0] === '市' ? romanise(name) : romanise(proper);
  const groupsEn = groups.length <= 1 ? groups.join('') : `${groups.slice(0, -1).join(', ')} and ${groups.at(-1)}`;
  return [properEn, groupsEn, generic[1]].filter(Boolean).join(' ');
}

const rows = [...source.matchAll(/\('(\d{6})','([^']*)','(province|city|county)',(?:NULL|'(\d{6})')\)/g)]
  .map(([, code, name, level, parent]) => ({ code, name, level, parent }));
const english = new Map();
for (const r of rows) english.set(r.code, englishName(r.name, r.code, r.level, english.get(r.parent ?? '')));

const values = rows.map((r) => `('${r.code}','${english.get(r.code).replace(/'/g, "''")}')`);
fs.writeFileSync(target, `-- The English name of every region (name_en), for screens in English: the proper name in
-- Hanyu Pinyin as one word, then the kind of division (南山区 Nanshan District, 延边朝鲜族自治州
-- Yanbian Korean Autonomous Prefecture, 深圳市 Shenzhen). Written by scripts/region-names-en.mjs.
ALTER TABLE regions ADD COLUMN name_en text;
UPDATE regions r SET name_en = v.name_en FROM (VALUES
${values.join(',\n')}
) AS v (code, name_en) WHERE r.code = v.code;
ALTER TABLE regions ALTER COLUMN name_en SET NOT NULL;
`);
console.log(`${rows.length} regions -> ${path.relative(root, target)}`);
