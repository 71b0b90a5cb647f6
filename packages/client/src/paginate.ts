export interface Page<TItem, TNext> {
  items: readonly TItem[];
  /** Where the next page starts, or undefined when this was the last one. */
  next: TNext | undefined;
}

export interface PagingOptions {
  /** Items requested per page; each API has its own bounds. */
  pageSize?: number;
  /** Stops the walk, including a request in flight or a retry wait. */
  signal?: AbortSignal;
}

/**
 * Yield every item of every page, one page in memory at a time. An empty page always ends the walk,
 * whatever the server says comes next, so a misbehaving server cannot make it spin.
 */
export async function* walkPages<TItem, TNext>(
  first: TNext,
  fetchPage: (position: TNext) => Promise<Page<TItem, TNext>>,
  signal?: AbortSignal,
): AsyncGenerator<TItem, void, undefined> {
  let position: TNext | undefined = first;
  while (position !== undefined) {
    signal?.throwIfAborted();
    const page: Page<TItem, TNext> = await fetchPage(position);
    for (const item of page.items) {
      signal?.throwIfAborted();
      yield item;
    }
    position = page.items.length === 0 ? undefined : page.next;
  }
}

/**
 * Offset/limit and page-number paging: a page shorter than requested is the last, and so is one that
 * reaches the `total` the server reported (when it reports one).
 */
export function isLastPage(
  received: number,
  requested: number,
  itemsSoFar?: number,
  total?: unknown,
): boolean {
  return (
    received < requested || (typeof total === "number" && itemsSoFar !== undefined && itemsSoFar >= total)
  );
}

/** The page-size bounds of one paged operation, generated from the spec (`src/generated/*-paging.ts`). */
export interface PageSizeBounds {
  readonly minimum: number;
  readonly maximum: number;
}

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
