import { named, OrgadminError } from "./errors.js";

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
  /** @param operation The paged operation, e.g. `GET /audit-logs`. */
  constructor(
    readonly operation: string,
    message: string,
  ) {
    super(`${operation} ${message}; stopping instead of looping`);
  }
}

named("", { Paging: PagingError });

/** One page: its items, and where the next starts (undefined after the last). */
type Page<TItem, TNext> = { items: readonly TItem[]; next: TNext | undefined };

/**
 * Every item of every page of `operation` (`GET /audit-logs`, named in errors), one page in memory at a
 * time; the options are checked at once, before any request, and the page size defaults to the
 * largest the spec allows (the fewest requests). A misbehaving server cannot make it spin: an empty
 * page always ends the walk, whatever the server says comes next; a position (cursor) handed out
 * twice, a page with the same items as the one before, or a page past `maxPages` is a PagingError.
 */
export function pagedWalk<TItem, TNext>(
  operation: string,
  { minimum, maximum }: { minimum: number; maximum: number }, // generated from the spec: src/generated/*-paging.ts
  { pageSize = maximum, maxPages = DEFAULT_MAX_PAGES, signal }: PagingOptions,
  first: TNext,
  fetchPage: (position: TNext, pageSize: number, signal?: AbortSignal) => Promise<Page<TItem, TNext>>,
): AsyncGenerator<TItem, void, undefined> {
  if (!Number.isInteger(pageSize) || pageSize < minimum || pageSize > maximum) {
    throw new RangeError(`pageSize must be an integer from ${minimum} to ${maximum}`);
  }
  if (!Number.isInteger(maxPages) || maxPages < 1)
    throw new RangeError("maxPages must be a positive integer");
  return walk();
  async function* walk() {
    const seen = new Set([JSON.stringify(first)]);
    let previous: string | undefined;
    for (let position: TNext | undefined = first, pages = 0; position !== undefined; pages++) {
      signal?.throwIfAborted();
      if (pages === maxPages) throw new PagingError(operation, `had more than ${maxPages} pages (maxPages)`);
      const page = await fetchPage(position, pageSize, signal);
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
}
