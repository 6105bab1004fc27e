/**
 * Traditional -> simplified characters, for the words bank files use in headers and for
 * place names (DOMAIN.md: input must accept both). Not a general converter: it covers the
 * header dictionary in columns.ts and the characters of GB/T 2260 region names that have a
 * traditional form, so "賬號" finds account_no and "廣東省廣州市" finds 440100.
 */
const PAIRS =
  // headers
  '賬账帳帐號号戶户碼码證证據据聯联繫系電电話话機机費费滯滞納纳幣币額额餘余剩剩產产類类業业務务項项貸贷' +
  '應应還还款款時时間间開开始始託托單单擔担稱称與与編编區区縣县鄉乡鎮镇' +
  '際际個个導导條条寫写錄录數数點点償偿撥拨訊讯狀状態态處处種种卡卡齡龄違违約约續续罰罚' +
  '檔档歸归屬属總总計计備备註注詢询問问發发報报銷销帳帐郵邮電电箱箱' +
  '債债劃划動动實实參参係系來来復复複复語语現现結结後后選选' +
  // places (provinces, cities, counties)
  '廣广東东門门陽阳漢汉慶庆蘇苏龍龙遼辽寧宁貴贵雲云陝陕內内灣湾臺台華华鄭郑長长濟济瀋沈齊齐爾尔濱滨錦锦張张' +
  '莊庄衛卫廈厦紹绍無无錫锡揚扬連连鹽盐滬沪贛赣閩闽魯鲁晉晋粵粤瓊琼隴陇烏乌魯鲁蘭兰鄂鄂渾浑豐丰鳳凤' +
  '黃黄嶺岭島岛灘滩橋桥溝沟陸陆關关興兴壽寿濰潍臨临淄淄棗枣莊庄聊聊濮濮駐驻馬马鶴鹤雞鸡雙双綏绥遠远' +
  '滿满歷历鐵铁撫抚遜逊廟庙嶽岳韶韶樂乐漳漳溫温麗丽嘉嘉灤滦邢邢澤泽興兴鄞鄞衢衢舟舟饒饶撫抚贛赣萊莱' +
  '陰阴蕪芜銅铜亳亳滁滁皖皖懷怀寶宝漢汉陽阳攀攀宜宜賓宾瀘泸綿绵廣广遂遂資资達达巴巴雅雅劉刘涼凉' +
  '畢毕順顺黔黔筍笋靈灵紅红湯汤畬畲蘆芦膠胶嶼屿灣湾澳澳門门崗岗禪禅楊杨憑凭蓮莲綠绿渦涡沖冲埔埔' +
  '閬阆灌灌徐徐睢睢邳邳儀仪徵征隨随漯漯潁颍譙谯歙歙績绩黟黟瀏浏醴醴攸攸婁娄漣涟懷怀邵邵巫巫鄖郧';

export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const chars = [...PAIRS];
  for (let i = 0; i + 1 < chars.length; i += 2) {
    if (chars[i] !== chars[i + 1]) map.set(chars[i]!, chars[i + 1]!);
  }
  return map;
})();

const TRADITIONAL_CHARS = new RegExp(`[${[...TRADITIONAL_TO_SIMPLIFIED.keys()].join('')}]`, 'g');

export function toSimplified(text: string): string {
  return text.replace(TRADITIONAL_CHARS, (c) => TRADITIONAL_TO_SIMPLIFIED.get(c) ?? c);
}
