/**
 * Our canonical column names per kind of bank file, and the built-in header dictionary:
 * the Chinese (simplified; traditional forms are folded to simplified first) and English
 * headers banks commonly use. A creditor's mapping file (mapping.ts) comes first; a header
 * that is already a canonical name is accepted as it is.
 */
import { toSimplified } from './traditional.ts';

export type ImportKind = 'placements' | 'payments' | 'recalls' | 'contacts';
export const IMPORT_KINDS: readonly ImportKind[] = ['placements', 'payments', 'recalls', 'contacts'];

export const PLACEMENT_COLUMNS = ['account_no', 'debtor_name', 'id_number', 'birth_date', 'phone', 'address', 'region_code', 'province',
  'city', 'product', 'principal', 'interest', 'fees', 'first_delinquency_date', 'placement_date',
  // As US and UK banks split them: the name in parts, the address in lines with the postal code, more than one phone column.
  'first_name', 'middle_name', 'last_name', 'address_line2', 'postal_code', 'phone_2', 'phone_3',
  // One amount owed, where a file does not split it into principal, interest and fees.
  'balance',
  // The debtor's e-mail address, as US and UK banks' files carry it.
  'email',
  // The language the debtor reads (ISO 639-1, or its name): a US debtor's Spanish adds the Spanish validation notice.
  'language',
  // A charged-off debt's figures as US banks' files carry them (Reg F's itemization; 23 NYCRR 1.2(b)): the date and
  // balance of the charge-off (核销), and interest, fees and payments since.
  'charge_off_date', 'charge_off_balance', 'interest_since_charge_off', 'fees_since_charge_off', 'paid_since_charge_off'] as const;
/** A charged-off debt's figures (rows.ts, ChargeOff): read when the file has the date and the balance then. */
export const CHARGE_OFF_COLUMNS = ['charge_off_date', 'charge_off_balance', 'interest_since_charge_off', 'fees_since_charge_off', 'paid_since_charge_off'] as const;
export const PAYMENT_COLUMNS = ['account_no', 'txn_id', 'amount', 'paid_on'] as const;
export const RECALL_COLUMNS = ['account_no', 'recall_date'] as const;
/** Skip-trace results (失联修复结果): numbers (and e-mail addresses) found for debtors, the debtor's own or a named third party's. */
export const CONTACT_COLUMNS = ['account_no', 'phone', 'contact_name', 'relation', 'source', 'phone_2', 'phone_3', 'email'] as const;

export type PlacementColumn = (typeof PLACEMENT_COLUMNS)[number];
export type PaymentColumn = (typeof PAYMENT_COLUMNS)[number];
export type RecallColumn = (typeof RECALL_COLUMNS)[number];
export type ContactColumn = (typeof CONTACT_COLUMNS)[number];
export type CanonicalColumn = PlacementColumn | PaymentColumn | RecallColumn | ContactColumn;

export const COLUMNS_OF: Record<ImportKind, readonly CanonicalColumn[]> = {
  placements: PLACEMENT_COLUMNS,
  payments: PAYMENT_COLUMNS,
  recalls: RECALL_COLUMNS,
  contacts: CONTACT_COLUMNS,
};

/** Columns a file must have: every one of `all`, and at least one of each `anyOf` group. */
export const REQUIRED: Record<ImportKind, { all: readonly CanonicalColumn[]; anyOf: readonly (readonly CanonicalColumn[])[] }> = {
  placements: { all: ['account_no'], anyOf: [['principal', 'interest', 'fees', 'balance']] },
  payments: { all: ['account_no', 'txn_id', 'amount', 'paid_on'], anyOf: [] },
  recalls: { all: ['account_no'], anyOf: [] },
  contacts: { all: ['account_no'], anyOf: [['phone', 'email']] },
};

/** What each canonical column is called in Chinese, for messages and the errors file. */
export const COLUMN_LABEL_ZH: Record<CanonicalColumn, string> = {
  account_no: '账号', debtor_name: '姓名', id_number: '身份证号', birth_date: '出生日期', phone: '手机', address: '地址',
  region_code: '行政区划代码', province: '省份', city: '城市', product: '产品', principal: '本金', interest: '利息',
  fees: '费用', first_delinquency_date: '首次逾期日', placement_date: '委案日期', txn_id: '交易流水号', amount: '还款金额',
  paid_on: '还款日期', recall_date: '退案日期', contact_name: '联系人', relation: '关系', source: '来源',
  balance: '欠款总额', first_name: '名', middle_name: '中间名', last_name: '姓', address_line2: '地址第二行', postal_code: '邮编', phone_2: '电话2', phone_3: '电话3',
  email: '电子邮箱', language: '语言', charge_off_date: '核销日期', charge_off_balance: '核销时欠款', interest_since_charge_off: '核销后利息',
  fees_since_charge_off: '核销后费用', paid_since_charge_off: '核销后还款',
};

/** What each canonical column is called in English messages: plain words, not the column's code. */
export const COLUMN_LABEL_EN: Record<CanonicalColumn, string> = {
  account_no: 'account number', debtor_name: 'name', id_number: 'ID number', birth_date: 'birth date', phone: 'phone', address: 'address',
  region_code: 'region code', province: 'province', city: 'city', product: 'product', principal: 'principal', interest: 'interest',
  fees: 'fees', first_delinquency_date: 'first delinquency date', placement_date: 'placement date', txn_id: 'transaction id', amount: 'amount',
  paid_on: 'payment date', recall_date: 'recall date', contact_name: 'contact name', relation: 'relation', source: 'source',
  balance: 'balance', first_name: 'first name', middle_name: 'middle name', last_name: 'last name', address_line2: 'address line 2',
  postal_code: 'postal code', phone_2: 'phone 2', phone_3: 'phone 3', email: 'e-mail', language: 'language', charge_off_date: 'charge-off date',
  charge_off_balance: 'charge-off balance', interest_since_charge_off: 'interest since charge-off', fees_since_charge_off: 'fees since charge-off',
  paid_since_charge_off: 'payments since charge-off',
};

// Built-in headers, written in simplified characters and normalized (normalizeHeader).
const DICTIONARY: Record<CanonicalColumn, readonly string[]> = {
  account_no: ['账号', '帐号', '账户', '帐户', '账户号', '账户号码', '帐户号码', '账号号码', '卡号', '信用卡号', '信用卡卡号', '客户账号',
    '贷款账号', '借据号', '借据编号', '合同号', '合同编号', '案件账号',
    'account', 'accountno', 'accountnumber', 'acctno', 'acct', 'cardno', 'cardnumber', 'loanno', 'loannumber'],
  debtor_name: ['姓名', '客户姓名', '客户名称', '客户名', '借款人', '借款人姓名', '持卡人', '持卡人姓名', '债务人', '债务人姓名', '户名',
    'name', 'debtorname', 'customername', 'borrower', 'borrowername', 'cardholder', 'cardholdername', 'fullname', 'consumername'],
  first_name: ['firstname', 'fname', 'givenname', 'forename', 'debtorfirstname', 'consumerfirstname'],
  middle_name: ['middlename', 'middleinitial', 'mi', 'mname'],
  last_name: ['lastname', 'lname', 'surname', 'familyname', 'debtorlastname', 'consumerlastname'],
  id_number: ['身份证号', '身份证号码', '身份证', '证件号', '证件号码', '证件编号', '客户证件号码', '身份证件号码',
    'idnumber', 'idno', 'nationalid', 'identitynumber', 'idcard', 'idcardno',
    // US and UK files (read as an SSN or ITIN, or a National Insurance number, under such a contract)
    'ssn', 'socialsecuritynumber', 'socialsecurityno', 'ssnitin', 'itin', 'taxid', 'tin', 'nino', 'ninumber', 'nationalinsurancenumber', 'nationalinsuranceno'],
  birth_date: ['出生日期', '出生年月日', '生日', '出生日', 'birthdate', 'dateofbirth', 'dob', 'birthday'],
  phone: ['手机', '手机号', '手机号码', '联系电话', '电话', '电话号码', '移动电话', '联系方式', '客户手机', '客户电话', '本人电话', '本人手机',
    'phone', 'mobile', 'mobileno', 'mobilephone', 'phonenumber', 'phoneno', 'tel', 'telephone', 'cellphone', 'cell', 'phone1', 'primaryphone'],
  phone_2: ['备用电话', '备用手机', '其他电话', '家庭电话', '住宅电话', 'phone2', 'homephone', 'alternatephone', 'altphone', 'secondaryphone', 'landline'],
  phone_3: ['电话3', 'phone3', 'otherphone', 'additionalphone'],
  address: ['地址', '住址', '家庭地址', '家庭住址', '居住地址', '现居住地址', '联系地址', '通讯地址', '户籍地址', '账单地址', '客户地址',
    'address', 'homeaddress', 'residentialaddress', 'mailingaddress', 'address1', 'addressline1', 'addr1', 'street', 'streetaddress'],
  address_line2: ['地址2', 'address2', 'addressline2', 'addr2', 'apt', 'aptsuite', 'suite', 'unit'],
  postal_code: ['邮编', '邮政编码', 'zip', 'zipcode', 'zip5', 'postcode', 'postalcode'],
  region_code: ['行政区划代码', '区划代码', '地区代码', '行政区划', '区域代码', 'regioncode', 'divisioncode', 'gbcode'],
  province: ['省份', '省', '所在省', '所在省份', '省份名称', '省名', 'province', 'state', 'statecode', 'county'],
  city: ['城市', '市', '所在城市', '所在市', '地市', '城市名称', 'city'],
  product: ['产品', '产品类型', '产品名称', '业务类型', '业务品种', '贷款类型', 'product', 'producttype'],
  principal: ['本金', '欠款本金', '逾期本金', '剩余本金', '本金余额', '欠款金额本金', '应还本金', 'principal', 'principalamount', 'principalbalance'],
  email: ['电子邮箱', '邮箱', '电子邮件', '电子邮件地址', '邮箱地址', '电邮', 'email', 'emailaddress', 'mail', 'emailid', 'primaryemail', 'consumeremail'],
  language: ['语言', '语种', '首选语言', '偏好语言', '沟通语言', 'language', 'preferredlanguage', 'languagepreference', 'lang', 'languagecode', 'idioma'],
  balance: ['欠款总额', '总欠款', '应还总额', '欠款余额', 'balance', 'currentbalance', 'balancedue', 'amountdue', 'totalbalance', 'outstandingbalance',
    'placedbalance', 'totaldue'],
  charge_off_date: ['核销日期', '核销日', '呆账核销日期', '核销时间', 'chargeoffdate', 'chargedoffdate', 'dateofchargeoff', 'codate', 'chargeoffdt'],
  charge_off_balance: ['核销时欠款', '核销金额', '核销余额', '核销本息', 'chargeoffbalance', 'chargeoffamount', 'chargedoffbalance', 'balanceatchargeoff',
    'amountatchargeoff', 'cobalance', 'coamount'],
  interest_since_charge_off: ['核销后利息', 'interestsincechargeoff', 'postchargeoffinterest', 'interestaccruedsincechargeoff', 'interestsinceco'],
  fees_since_charge_off: ['核销后费用', 'feessincechargeoff', 'postchargeofffees', 'feesaccruedsincechargeoff', 'chargessincechargeoff', 'feessinceco'],
  paid_since_charge_off: ['核销后还款', 'paidsincechargeoff', 'paymentssincechargeoff', 'postchargeoffpayments', 'paymentsandcreditssincechargeoff',
    'paymentscreditssincechargeoff', 'payments/creditssincechargeoff', 'creditssincechargeoff', 'paymentssinceco'],
  interest: ['利息', '欠款利息', '逾期利息', '应还利息', '利息余额', 'interest', 'interestamount'],
  fees: ['费用', '滞纳金', '手续费', '违约金', '其他费用', '应还费用', '费用余额', 'fees', 'fee', 'latefee', 'latefees', 'charges'],
  first_delinquency_date: ['逾期日期', '首次逾期日', '首次逾期日期', '逾期开始日', '逾期开始日期', '逾期起始日', '逾期起始日期', '首逾日期', '首逾日',
    'firstdelinquencydate', 'delinquencydate', 'overduedate', 'overduesince', 'dpdstartdate', 'dateoffirstdelinquency', 'dofd'],
  placement_date: ['委案日期', '委托日期', '委案日', '委外日期', '分配日期', 'placementdate', 'placeddate', 'assigneddate'],
  txn_id: ['交易流水号', '流水号', '交易号', '交易编号', '还款流水号', '交易参考号', '参考号', 'txnid', 'transactionid', 'transactionno',
    'reference', 'referenceno', 'txnref'],
  amount: ['还款金额', '金额', '交易金额', '入账金额', '实还金额', '还款额', 'amount', 'paymentamount', 'paidamount'],
  paid_on: ['还款日期', '交易日期', '入账日期', '还款日', '实还日期', 'paidon', 'paymentdate', 'paiddate', 'transactiondate', 'txndate'],
  recall_date: ['退案日期', '撤案日期', '退案日', '召回日期', '收回日期', 'recalldate', 'recalledon', 'returndate'],
  contact_name: ['联系人', '联系人姓名', '联系人名称', '第三方姓名', '关系人', '关系人姓名', 'contactname', 'contact', 'thirdparty', 'thirdpartyname'],
  relation: ['关系', '与债务人关系', '与客户关系', '与本人关系', '联系人关系', '关系类型', 'relation', 'relationship'],
  source: ['来源', '修复来源', '数据来源', '信息来源', '供应商', '修复渠道', 'source', 'vendor', 'provider'],
};

const BY_HEADER: ReadonlyMap<string, CanonicalColumn> = (() => {
  const map = new Map<string, CanonicalColumn>();
  for (const [column, headers] of Object.entries(DICTIONARY) as [CanonicalColumn, readonly string[]][]) {
    map.set(normalizeHeader(column), column);
    for (const h of headers) map.set(normalizeHeader(h), column);
  }
  return map;
})();

/**
 * The form headers are compared in: traditional folded to simplified, full-width letters
 * and digits to half-width, lower case, units in brackets dropped ("本金（元）" = "本金"),
 * and no spaces, underscores, dashes, dots or colons ("Account No." = "account_no").
 */
export function normalizeHeader(header: string): string {
  return toSimplified(header)
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[(（\[【][^)）\]】]*[)）\]】]/g, '')
    .replace(/[\s\u3000_\-.:：*#]/g, '');
}

/** The canonical column a header means by the built-in dictionary, if any (for one kind of file). */
export function builtinColumnFor(header: string, kind: ImportKind): CanonicalColumn | undefined {
  const column = BY_HEADER.get(normalizeHeader(header));
  return column && COLUMNS_OF[kind].includes(column) ? column : undefined;
}

export function isCanonicalColumn(name: string, kind: ImportKind): name is CanonicalColumn {
  return (COLUMNS_OF[kind] as readonly string[]).includes(name);
}
