import { OrgadminError } from "./errors.js";

/** Pages a walk fetches at most unless `maxPages` says otherwise: 10 000 (a million items at 100 a page). */
export const DEFAULT_MAX_PAGES = 10_000;

export interface PagingOptions {
  /** Items requested per page; each API has its own bounds. */
  pageSize?: number;
  /** Stops the walk, including a request in flight or a retry wait. */
  signal?: AbortSignal;
  /** The most pages the walk fetches; one more would be a PagingError. Default `DEFAULT_MAX_PAGES`. */
  maxPages?: number;
}

/** A paged walk that would never end: the server repeats a cursor or a page, or pages on past `maxPages`. */
export class PagingError extends OrgadminError {
  override name = "PagingError";
  /** @param operation The paged operation, e.g. `GET /audit-logs`. */
  constructor(
    readonly operation: string,
    message: string,
  ) {
    super(`${operation} ${message}; stopping instead of looping`);
  }
}

/** One page: its items, and where the next starts (undefined after the last). */
type Page<TItem, TNext> = { items: readonly TItem[]; next: TNext | undefined };

/**
 * Yield every item of every page, one page in memory at a time. A misbehaving server cannot make it
 * spin: an empty page always ends the walk, whatever the server says comes next; a position (cursor)
 * handed out twice, a page with the same items as the one before, or a page past `maxPages` is a
 * PagingError. `operation` names the walk in errors (`GET /audit-logs`).
 */
export async function* walkPages<TItem, TNext>(
  first: TNext,
  fetchPage: (position: TNext) => Promise<Page<TItem, TNext>>,
  {
    operation,
    signal,
    maxPages = DEFAULT_MAX_PAGES,
  }: { operation: string; signal?: AbortSignal | undefined; maxPages?: number },
): AsyncGenerator<TItem, void, undefined> {
  const seen = new Set([JSON.stringify(first)]);
  let previous: string | undefined;
  let position: TNext | undefined = first;
  for (let pages = 0; position !== undefined; pages++) {
    signal?.throwIfAborted();
    if (pages === maxPages) throw new PagingError(operation, `had more than ${maxPages} pages (maxPages)`);
    const page: Page<TItem, TNext> = await fetchPage(position);
    if (page.items.length === 0) return;
    const next = page.next === undefined ? undefined : JSON.stringify(page.next);
    if (next !== undefined && seen.has(next)) {
      throw new PagingError(operation, `returned the cursor it was given earlier (${next})`);
    }
    const items = JSON.stringify(page.items);
    if (items === previous) {
      const at = JSON.stringify(position);
      throw new PagingError(operation, `returned the same items as the page before (at ${at})`);
    }
    previous = items;
    if (next !== undefined) seen.add(next);
    for (const item of page.items) {
      signal?.throwIfAborted();
      yield item;
    }
    position = page.next;
  }
}

/** `maxPages` as given, checked; the default when omitted. */
export function checkMaxPages(maxPages: number | undefined): number {
  if (maxPages === undefined) return DEFAULT_MAX_PAGES;
  if (!Number.isInteger(maxPages) || maxPages < 1)
    throw new RangeError("maxPages must be a positive integer");
  return maxPages;
}

/**
 * Offset/limit and page-number paging: a page shorter than requested is the last, and so is one that
 * reaches the `total` the server reported (when it reports one).
 */
export const isLastPage = (received: number, requested: number, itemsSoFar = 0, total?: unknown): boolean =>
  received < requested || (typeof total === "number" && itemsSoFar >= total);

/** The page-size bounds of one paged operation, generated from the spec (`src/generated/*-paging.ts`). */
export type PageSizeBounds = { readonly minimum: number; readonly maximum: number };

/**
 * The page size to request: the caller's, within the spec's bounds, else the largest the spec allows,
 * since a walk over every item takes the fewest requests that way.
 */
export function checkPageSize(pageSize: number | undefined, bounds: PageSizeBounds): number {
  const size = pageSize ?? bounds.maximum;
  if (!Number.isInteger(size) || size < bounds.minimum || size > bounds.maximum) {
    throw new RangeError(`pageSize must be an integer from ${bounds.minimum} to ${bounds.maximum}`);
  }
  return size;
}
