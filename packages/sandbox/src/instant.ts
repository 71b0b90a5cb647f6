// The audit log's `start_date`: an ISO 8601 date-time with or without an offset, read as UTC
// when it has none (the contract says so; `Date.parse` alone would read it as local time).
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$/;

/** Milliseconds since the epoch, or undefined for text that is not a date-time in the calendar. */
export function parseInstant(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  const day = m?.[1];
  if (!m || !day) return undefined;
  // Date.parse rolls a day the month lacks (2024-02-30) over into the next month.
  const midnight = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(midnight) || new Date(midnight).toISOString().slice(0, 10) !== day) return undefined;
  const ms = Date.parse(m[2] ? text : `${text}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}
