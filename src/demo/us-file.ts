/**
 * The demo's US bank and its first placement file, as such a bank sends it (the English headers
 * a US file carries: the name and the address in parts, SSN, one balance, dates month first):
 * deterministic for a seed, fictional throughout: phone numbers in the 555-0100..0199 block kept
 * for fiction, e-mail addresses at example.com (RFC 2606), SSNs random in the form the import
 * accepts (area 001-665, group and serial not zero). The cities cover single- and split-zone states
 * (Pensacola is on Central time in an Eastern state; El Paso Mountain in a Central one) and
 * Massachusetts (its cap on calls), so the US rules show on the demo's own accounts; one debtor in
 * eight reads Spanish.
 */
import { addDays, type LocalDate } from '../domain/calendar.ts';
import { Random } from './random.ts';

export const US_DEMO_BANK = { code: 'PRAIRIE', name: 'First Prairie Bank' } as const;

export const US_DEMO_HEADER = ['Account Number', 'First Name', 'Last Name', 'SSN', 'Date of Birth', 'Address 1', 'City', 'State', 'Zip', 'Cell Phone',
  'Email', 'Balance', 'DOFD', 'Preferred Language', 'Charge-off Date', 'Charge-off Balance', 'Fees Since Charge-off', 'Payments Since Charge-off'] as const;

/** City, state, a ZIP code of the city, the phone area code. */
const PLACES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['Peoria', 'IL', '61602', '309'], ['Chicago', 'IL', '60601', '312'], ['Boston', 'MA', '02108', '617'], ['Worcester', 'MA', '01608', '508'],
  ['New York', 'NY', '10001', '212'], ['Atlanta', 'GA', '30303', '404'], ['Miami', 'FL', '33101', '305'], ['Pensacola', 'FL', '32501', '850'],
  ['Houston', 'TX', '77002', '713'], ['El Paso', 'TX', '79901', '915'], ['Denver', 'CO', '80202', '303'], ['Phoenix', 'AZ', '85004', '602'],
  ['Seattle', 'WA', '98101', '206'], ['Los Angeles', 'CA', '90012', '213'], ['Columbus', 'OH', '43215', '614'], ['Boise', 'ID', '83702', '208'],
];
const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan',
  'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Maria', 'Daniel', 'Nancy', 'Kevin', 'Lisa', 'Brian', 'Karen', 'Jose', 'Ana', 'Wei', 'Mei'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Wilson',
  'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Chen', 'Nguyen', 'Walker'];
const STREETS = ['Oak Ave', 'Maple St', 'Elm St', 'Main St', 'Cedar Ln', 'Pine St', 'Lakeview Dr', 'Washington Ave', 'Park Pl', 'Hillside Rd'];

const usDate = (date: LocalDate) => `${date.slice(5, 7)}/${date.slice(8, 10)}/${date.slice(0, 4)}`;

/**
 * The file's rows, `accounts` of them, the bank's first delinquency dates 30 to 400 days before the
 * business date, but for one in 25 (old debts, some of them time-barred: src/domain/time-barred.ts).
 * A debt 180 days past due was charged off then, and the file gives its charge-off figures (one in
 * five with a late fee since, one in seven with a payment since); a younger one has none.
 */
export function usDemoRows(accounts: number, seed: number, businessDate: LocalDate): string[][] {
  const random = new Random(seed, 7);
  const rows: string[][] = [];
  for (let i = 0; i < accounts; i++) {
    const [city, state, zip, area] = random.pick(PLACES);
    const first = random.pick(FIRST);
    const last = random.pick(LAST);
    const ssnArea = String(random.int(1, 665)).padStart(3, '0');
    const ssn = `${ssnArea}-${String(random.int(1, 99)).padStart(2, '0')}-${String(random.int(1, 9999)).padStart(4, '0')}`;
    const birth = addDays('1960-01-01' as LocalDate, random.int(0, 14_000));
    const cents = random.int(30_000, 1_500_000);
    const money = (c: number) => `$${(c / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    const email = random.chance(0.4) ? `${first.toLowerCase()}.${last.toLowerCase()}${i + 1}@example.com` : '';
    // One in 25 is an old debt, three and a half to six years past due: time-barred in some states, not in others.
    const delinquent = addDays(businessDate, -(i % 25 === 7 ? 1_280 + (i * 37) % 900 : 0) - random.int(30, 400));
    const chargedOff = addDays(delinquent, 180);
    const fees = i % 5 === 1 ? 3_500 : 0;
    const paid = i % 7 === 2 ? Math.round(cents / 2_000) * 100 : 0;
    const chargeOff = chargedOff <= businessDate ? [usDate(chargedOff), money(cents - fees + paid), fees ? money(fees) : '', paid ? money(paid) : ''] : ['', '', '', ''];
    rows.push([
      `4147${String(seed % 100).padStart(2, '0')}${String(i + 1).padStart(10, '0')}`, first, last, ssn, usDate(birth),
      `${random.int(10, 9899)} ${random.pick(STREETS)}`, city, state, zip, `(${area}) 555-01${String(random.int(0, 99)).padStart(2, '0')}`,
      email, money(cents), usDate(delinquent),
      // One in eight reads Spanish: their validation notice and letters go in English and Spanish.
      i % 8 === 3 ? 'Spanish' : '',
      ...chargeOff,
    ]);
  }
  return rows;
}

/** The states the file's accounts are in (for the US desk's territories). */
export const US_DEMO_STATES: readonly string[] = [...new Set(PLACES.map((p) => p[1]))];
