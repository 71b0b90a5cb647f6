export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/** Where the client writes what it does; `console` fits. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const LEVELS = ["debug", "info", "warn", "error"] as const;

/**
 * The logger's methods at `level` and above; the others are absent, so a disabled line costs one
 * check. What the client logs is its own text: method, URL (without credentials), status, timing,
 * waits. Never a header, so never the key.
 */
export function leveled(logger: Logger = console, level: LogLevel = "warn"): Partial<Logger> {
  const from = LEVELS.indexOf(level as (typeof LEVELS)[number]);
  const log: Partial<Logger> = {};
  if (from < 0) return log;
  for (const name of LEVELS.slice(from)) log[name] = (message) => logger[name](`[orgadmin] ${message}`);
  return log;
}
