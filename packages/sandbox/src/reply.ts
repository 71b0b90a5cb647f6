// What a stage answers with, before any transport writes it (a Response in process, a socket in
// the Node server).

export interface Reply {
  status: number;
  /** Written as JSON; none for a 204. */
  body?: unknown;
  headers?: Record<string, string>;
}

export function isJsonContentType(header: string | null | undefined): boolean {
  const type = header?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json";
}
