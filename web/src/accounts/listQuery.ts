import type { AccountQuery } from '../lib/api.ts';
import { ACCOUNT_STATUSES } from '../lib/types.ts';

/** The list's page, search, placement and status live in the URL (?q=&placement=&status=&offset=&limit=), so reload and back work. */
export const PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

function nonNegativeInteger(text: string | null): number | null {
  return text !== null && /^\d{1,9}$/.test(text) ? Number(text) : null;
}

export function readListQuery(params: URLSearchParams): AccountQuery {
  const limit = nonNegativeInteger(params.get('limit'));
  return {
    limit: limit !== null && (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_PAGE_SIZE,
    offset: nonNegativeInteger(params.get('offset')) ?? 0,
    q: (params.get('q') ?? '').trim(),
    placement: (params.get('placement') ?? '').trim(),
    status: (ACCOUNT_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? params.get('status')! : '',
  };
}

/** Defaults are left out so the plain screen URL stays /accounts. */
export function listQueryHref(pathname: string, query: AccountQuery): string {
  const params = new URLSearchParams();
  if (query.q !== '') params.set('q', query.q);
  if (query.placement !== '') params.set('placement', query.placement);
  if (query.status !== '') params.set('status', query.status);
  if (query.offset > 0) params.set('offset', String(query.offset));
  if (query.limit !== DEFAULT_PAGE_SIZE) params.set('limit', String(query.limit));
  const search = params.toString();
  return search === '' ? pathname : `${pathname}?${search}`;
}
