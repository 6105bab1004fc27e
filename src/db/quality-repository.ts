/** All SQL of call quality review (docs/quality.md): the review queue, reviews, appeals and the per-collector summary. */
import type { Answer } from '../domain/quality/scorecard.ts';
import type { Queryable } from './pool.ts';

/** Whose calls a reviewer sees: one team's collectors, or everyone's (admins). */
export type QualityScope = { kind: 'all' } | { kind: 'team'; teamId: number } | { kind: 'collector'; userId: number };

export interface QueueRow {
  attempt_id: number; creditor_id: number; creditor_code: string; account_id: number; account_no_mask: string; debtor_name: string;
  collector_id: number; collector_name: string; at: Date; channel: 'call' | 'visit'; party: 'debtor' | 'third_party';
  outcome: string; note: string | null; recording_ref: string | null; call_seconds: number | null; complaint_ids: number[];
  /** Whether the debt collector disclosure was given (a US conversation with the debtor); null where not asked. */
  disclosure_given: boolean | null;
}

function scopeSql(scope: QualityScope, params: unknown[], user: string, collector: string): string {
  if (scope.kind === 'all') return 'true';
  if (scope.kind === 'team') { params.push(scope.teamId); return `${user}.team_id = $${params.length}`; }
  params.push(scope.userId);
  return `${collector} = $${params.length}`;
}

/**
 * Reached calls and visits waiting for review: every one a complaint opened since `since`
 * names, every one since `since` recorded without the debt collector disclosure (US), and those
 * made since `since` whose id falls in the sample (the same slot arithmetic as the domain's
 * sampleSlot). Not the reviewer's own, not reviewed yet. Complaint-linked first, then those
 * without the disclosure, then newest.
 */
export async function reviewQueue(db: Queryable, scope: QualityScope, q: {
  since: Date; until: Date; reached: readonly string[]; samplePercent: number; collectorId: number | null; excludeCollector: number | null; limit: number;
}): Promise<QueueRow[]> {
  const params: unknown[] = [q.since, q.until, q.reached, q.samplePercent, q.collectorId, q.excludeCollector, q.limit];
  const inScope = scopeSql(scope, params, 'u', 'ca.collector_id');
  return (await db.query<QueueRow>(
    `WITH linked AS (
       SELECT k.creditor_id, l.attempt_id, array_agg(DISTINCT k.id ORDER BY k.id) AS complaint_ids
         FROM complaints k
         CROSS JOIN LATERAL unnest(k.attempt_ids || CASE WHEN k.contact_attempt_id IS NULL THEN '{}'::bigint[] ELSE ARRAY[k.contact_attempt_id] END) AS l(attempt_id)
        WHERE k.kind = 'complaint' AND k.created_at >= $1
        GROUP BY k.creditor_id, l.attempt_id),
     candidates AS (
       SELECT ca.creditor_id, ca.id
         FROM users u JOIN contact_attempts ca ON ca.collector_id = u.id AND ca.at >= $1 AND ca.at <= $2
        WHERE ca.channel IN ('call', 'visit') AND (((ca.id::numeric * 2654435761) % 4294967296) % 100 < $4 OR ca.disclosure_given IS FALSE) AND ${inScope}
       UNION
       SELECT creditor_id, attempt_id FROM linked)
     SELECT ca.id AS attempt_id, ca.creditor_id, cr.code AS creditor_code, ca.account_id, a.account_no_mask, d.name AS debtor_name,
            ca.collector_id, u.display_name AS collector_name, ca.at, ca.channel, ca.party, ca.outcome, ca.note, ca.recording_ref, ca.call_seconds,
            COALESCE(linked.complaint_ids, '{}') AS complaint_ids, ca.disclosure_given
       FROM candidates c
       JOIN contact_attempts ca ON ca.creditor_id = c.creditor_id AND ca.id = c.id
       JOIN users u ON u.id = ca.collector_id
       JOIN accounts a ON a.creditor_id = ca.creditor_id AND a.id = ca.account_id
       JOIN debtors d ON d.id = a.debtor_id
       JOIN creditors cr ON cr.id = ca.creditor_id
       LEFT JOIN linked ON linked.creditor_id = ca.creditor_id AND linked.attempt_id = ca.id
      WHERE ca.channel IN ('call', 'visit') AND ca.outcome = ANY($3) AND ca.at <= $2
        AND ($5::bigint IS NULL OR ca.collector_id = $5) AND ($6::bigint IS NULL OR ca.collector_id <> $6)
        AND ${inScope}
        AND NOT EXISTS (SELECT 1 FROM qa_reviews r WHERE r.creditor_id = ca.creditor_id AND r.attempt_id = ca.id)
      ORDER BY (linked.attempt_id IS NOT NULL) DESC, (ca.disclosure_given IS FALSE) DESC, ca.at DESC, ca.id DESC
      LIMIT $7`, params)).rows.map((r) => ({ ...r, complaint_ids: r.complaint_ids.map(Number) }));
}

export interface ReviewedAttempt {
  creditor_id: number; id: number; account_id: number; collector_id: number | null; collector_team: number | null;
  channel: string; outcome: string; complaint_linked: boolean; reviewed: boolean;
}

/** One contact attempt as the review needs it, locked against a second review racing this one. */
export async function attemptForReview(db: Queryable, attemptId: number): Promise<ReviewedAttempt | undefined> {
  return (await db.query<ReviewedAttempt>(
    `SELECT ca.creditor_id, ca.id, ca.account_id, ca.collector_id, u.team_id AS collector_team, ca.channel, ca.outcome,
            EXISTS (SELECT 1 FROM complaints k WHERE k.creditor_id = ca.creditor_id AND k.account_id = ca.account_id AND k.kind = 'complaint'
                     AND (ca.id = ANY(k.attempt_ids) OR k.contact_attempt_id = ca.id)) AS complaint_linked,
            EXISTS (SELECT 1 FROM qa_reviews r WHERE r.creditor_id = ca.creditor_id AND r.attempt_id = ca.id) AS reviewed
       FROM contact_attempts ca LEFT JOIN users u ON u.id = ca.collector_id
      WHERE ca.id = $1
      FOR UPDATE OF ca`, [attemptId])).rows[0];
}

export interface NewReview {
  creditorId: number; attemptId: number; accountId: number; collectorId: number; reviewerId: number | null;
  /** Shown when the reviewer is no user (the command line); a user is shown by their display name. */
  reviewerName: string;
  answers: Record<string, Answer>; score: number; result: string; comment: string | null; complaintLinked: boolean; at: Date;
}

/** Inserts a review; undefined when the attempt has one already. */
export async function insertReview(db: Queryable, r: NewReview): Promise<number | undefined> {
  return (await db.query<{ id: number }>(
    `INSERT INTO qa_reviews (creditor_id, attempt_id, account_id, collector_id, reviewer_id, reviewer_name, answers, score, result, comment,
                             complaint_linked, reviewed_at)
     VALUES ($1, $2, $3, $4, $5, coalesce((SELECT display_name FROM users WHERE id = $5), $6), $7, $8, $9, $10, $11, $12)
     ON CONFLICT (creditor_id, attempt_id) DO NOTHING RETURNING id`,
    [r.creditorId, r.attemptId, r.accountId, r.collectorId, r.reviewerId, r.reviewerName, JSON.stringify(r.answers), r.score, r.result,
      r.comment, r.complaintLinked, r.at])).rows[0]?.id;
}

export interface ReviewRow {
  id: number; creditor_id: number; attempt_id: number; account_id: number; account_no_mask: string; debtor_name: string; creditor_code: string;
  collector_id: number; collector_name: string; collector_team: number | null; reviewer_id: number | null; reviewer_name: string;
  attempt_at: Date; channel: string; outcome: string; note: string | null; recording_ref: string | null;
  answers: Record<string, Answer>; score: number; result: 'pass' | 'fail' | 'red_line'; comment: string | null; complaint_linked: boolean;
  reviewed_at: Date; status: 'final' | 'appealed' | 'upheld' | 'overturned'; appeal_reason: string | null; appealed_at: Date | null;
  appeal_note: string | null; appeal_decided_by_name: string | null; appeal_decided_at: Date | null;
}

const REVIEW_SELECT = `
  SELECT r.id, r.creditor_id, r.attempt_id, r.account_id, a.account_no_mask, d.name AS debtor_name, cr.code AS creditor_code,
         r.collector_id, u.display_name AS collector_name, u.team_id AS collector_team, r.reviewer_id, r.reviewer_name,
         ca.at AS attempt_at, ca.channel, ca.outcome, ca.note, ca.recording_ref,
         r.answers, r.score, r.result, r.comment, r.complaint_linked, r.reviewed_at, r.status, r.appeal_reason, r.appealed_at,
         r.appeal_note, r.appeal_decided_name AS appeal_decided_by_name, r.appeal_decided_at
    FROM qa_reviews r
    JOIN contact_attempts ca ON ca.creditor_id = r.creditor_id AND ca.id = r.attempt_id
    JOIN accounts a ON a.creditor_id = r.creditor_id AND a.id = r.account_id
    JOIN debtors d ON d.id = a.debtor_id
    JOIN creditors cr ON cr.id = r.creditor_id
    JOIN users u ON u.id = r.collector_id`;

export async function findReview(db: Queryable, id: number, options: { lock?: boolean } = {}): Promise<ReviewRow | undefined> {
  return (await db.query<ReviewRow>(`${REVIEW_SELECT} WHERE r.id = $1${options.lock ? ' FOR UPDATE OF r' : ''}`, [id])).rows[0];
}

export async function listReviews(db: Queryable, scope: QualityScope, f: {
  collectorId: number | null; status: string | null; result: string | null; before: number | null; limit: number;
}): Promise<ReviewRow[]> {
  const params: unknown[] = [f.collectorId, f.status, f.result, f.before, f.limit];
  const inScope = scopeSql(scope, params, 'u', 'r.collector_id');
  return (await db.query<ReviewRow>(
    `${REVIEW_SELECT}
      WHERE ($1::bigint IS NULL OR r.collector_id = $1) AND ($2::text IS NULL OR r.status = $2) AND ($3::text IS NULL OR r.result = $3)
        AND ($4::bigint IS NULL OR r.id < $4) AND ${inScope}
      ORDER BY r.id DESC LIMIT $5`, params)).rows;
}

export async function setAppeal(db: Queryable, id: number, reason: string, at: Date): Promise<boolean> {
  return (await db.query(`UPDATE qa_reviews SET status = 'appealed', appeal_reason = $2, appealed_at = $3 WHERE id = $1 AND status = 'final'`,
    [id, reason, at])).rowCount === 1;
}

export async function decideAppealRow(db: Queryable, id: number, d: { status: 'upheld' | 'overturned'; note: string; by: number | null; byName: string; at: Date }): Promise<boolean> {
  return (await db.query(
    `UPDATE qa_reviews SET status = $2, appeal_note = $3, appeal_decided_by = $4,
            appeal_decided_name = coalesce((SELECT display_name FROM users WHERE id = $4), $5), appeal_decided_at = $6
      WHERE id = $1 AND status = 'appealed'`, [id, d.status, d.note, d.by, d.byName, d.at])).rowCount === 1;
}

export interface SummaryRow {
  collector_id: number; collector_name: string; reviews: number; average_score: number | null; passed: number; failed: number;
  red_lines: number; appeals_open: number; overturned: number;
}

/**
 * Per collector of the scope, reviews made in [from, to) instants: an overturned review is
 * counted as such and left out of everything else.
 */
export async function qualitySummary(db: Queryable, scope: QualityScope, range: { from: Date; to: Date }): Promise<SummaryRow[]> {
  const params: unknown[] = [range.from, range.to];
  const inScope = scopeSql(scope, params, 'u', 'u.id');
  return (await db.query<SummaryRow>(
    `SELECT u.id AS collector_id, u.display_name AS collector_name,
            count(r.id) FILTER (WHERE r.status <> 'overturned')::int AS reviews,
            round(avg(r.score) FILTER (WHERE r.status <> 'overturned'), 1)::float8 AS average_score,
            count(r.id) FILTER (WHERE r.status <> 'overturned' AND r.result = 'pass')::int AS passed,
            count(r.id) FILTER (WHERE r.status <> 'overturned' AND r.result = 'fail')::int AS failed,
            count(r.id) FILTER (WHERE r.status <> 'overturned' AND r.result = 'red_line')::int AS red_lines,
            count(r.id) FILTER (WHERE r.status = 'appealed')::int AS appeals_open,
            count(r.id) FILTER (WHERE r.status = 'overturned')::int AS overturned
       FROM users u
       LEFT JOIN qa_reviews r ON r.collector_id = u.id AND r.reviewed_at >= $1 AND r.reviewed_at < $2
      WHERE u.role = 'collector' AND (u.active OR r.id IS NOT NULL) AND ${inScope}
      GROUP BY u.id, u.display_name
      ORDER BY u.display_name, u.id`, params)).rows;
}
