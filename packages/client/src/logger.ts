export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

const LEVELS = ["debug", "info", "warn", "error"] as const;

/** Where the client writes what it does; `console` fits. */
export type Logger = Record<(typeof LEVELS)[number], (message: string) => void>;

/**
 * The logger's methods at `level` and above; the others are absent, so a disabled line costs one
 * check. What the client logs is its own text: method, URL (without credentials), status, timing,
 * waits. Never a header, so never the key.
 */
export function leveled(logger: Logger = console, level: LogLevel = "warn"): Partial<Logger> {
  const log: Partial<Logger> = {};
  // "off" (or an unknown level) is -1, which `>>> 0` turns past the end: no method at all.
  for (const name of LEVELS.slice(LEVELS.indexOf(level as "warn") >>> 0)) {
    log[name] = (message) => logger[name](`[orgadmin] ${message}`);
  }
  return log;
}
