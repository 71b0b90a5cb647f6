// Starts and stops the Prism CLI as a child process. Each Prism runs in its own process group so
// that stopping it by its own pid also ends anything it spawned, and a registry of running groups
// lets an interrupted run clean up before it dies.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { HostReply, HostRequest } from "./mock-host.js";

export interface PrismOptions {
  /** The bundled OpenAPI document to serve. */
  spec: string;
  /** Proxy mode: forward every request to this server and check its answers. Mock mode when absent. */
  upstream?: string | undefined;
  /** Where Prism's own output goes; printed when startup fails. */
  logFile: string;
  /**
   * A ceiling, not a budget: how long to wait for Prism's listening line and first answer before
   * giving up. Start-up waits on those events; the ceiling only ends a Prism that hangs.
   */
  startTimeoutMs?: number;
}

export interface PrismServer {
  /** The bare Prism address (Prism ignores the spec's server base path). */
  url: string;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";
/** Generous, for a busy 2-core machine: a healthy Prism answers long before, a broken one exits. */
const START_CEILING_MS = 120_000;
const running = new Map<number, ChildProcess>();

function prismBin(): string {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve("@stoplight/prism-cli/package.json");
  const pkg = JSON.parse(readFileSync(pkgFile, "utf8")) as { bin: { prism: string } };
  return join(dirname(pkgFile), pkg.bin.prism);
}

/** A port that was free a moment ago on 127.0.0.1 (Prism's CLI needs a number, not 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True while any process of the group led by `pid` is alive. */
export function isGroupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Ends every Prism this process started, synchronously: safe inside exit and signal handlers. */
export function killAllNow(): void {
  for (const pid of running.keys()) signalGroup(pid, "SIGKILL");
  running.clear();
}

let cleanupInstalled = false;

/** Makes sure an interrupted or crashing run takes its Prism processes with it. */
export function installCleanupOnExit(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.once("exit", killAllNow);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = (): void => {
      killAllNow();
      process.removeListener(signal, onSignal);
      // Nobody else handles it: die of the signal as if we had never listened.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

async function stopChild(child: ChildProcess, pid: number): Promise<void> {
  running.delete(pid);
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalGroup(pid, "SIGTERM");
  const timer = setTimeout(() => signalGroup(pid, "SIGKILL"), 3_000);
  await exited;
  clearTimeout(timer);
  // The leader is gone; make sure nothing else of its group stayed behind.
  if (isGroupAlive(pid)) signalGroup(pid, "SIGKILL");
}

/**
 * Waits for this Prism's own "listening" line, then for an answer. The line, not just an answer,
 * proves the port is ours: another process may have taken it between freePort() and Prism's bind.
 * Every wait is bounded by one deadline, never by a short per-try budget: a Prism that answers its
 * first request slowly on a busy machine is still starting, not failing.
 */
async function waitUntilListening(
  url: string,
  child: ChildProcess,
  logFile: string,
  logStart: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  while (Date.now() < deadline) {
    if (exited()) {
      throw new Error(`Prism exited (${child.exitCode ?? child.signalCode}) before it answered`);
    }
    if (readFileSync(logFile, "utf8").slice(logStart).includes(`listening on ${url}`)) {
      try {
        // Any HTTP answer, even a 404, means Prism is serving.
        await fetch(url, { signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
        return;
      } catch {
        // refused while the socket comes up, or the deadline passed: the loop decides
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Prism did not answer within ${timeoutMs} ms`);
}

/** Starts `prism mock --errors` (or `prism proxy --errors`) on 127.0.0.1 and a free port. */
export async function startPrism(options: PrismOptions): Promise<PrismServer> {
  const mode = options.upstream ? ["proxy"] : ["mock"];
  return withFreePort(async (port) => {
    const args = [...mode, "-h", HOST, "-p", String(port), "--errors", options.spec];
    if (options.upstream) args.push(options.upstream);
    const { server } = await launch([prismBin(), ...args], port, options, false);
    return server;
  });
}

export interface ReloadableMockOptions {
  /** The bundled OpenAPI document to serve, read again on each reload(). */
  spec: string;
  /** A fixed port (a dev server's documented one); a free one when absent. */
  port?: number | undefined;
  logFile: string;
  startTimeoutMs?: number;
}

export interface ReloadableMock extends PrismServer {
  /**
   * Reads the document again and serves it from the next request on, without closing the port.
   * Rejects with Prism's reason when the document gives no operations; the last good one is still served.
   */
  reload(): Promise<void>;
}

// src/prism.ts runs under vitest; the host is always the compiled one.
const mockHost = fileURLToPath(
  new URL(import.meta.url.endsWith(".ts") ? "../dist/mock-host.js" : "./mock-host.js", import.meta.url),
);

/** Starts a mock (what `prism mock --errors` serves) that can load a new version of its document. */
export async function startReloadableMock(options: ReloadableMockOptions): Promise<ReloadableMock> {
  const start = async (port: number): Promise<ReloadableMock> => {
    const { server, child } = await launch([mockHost, options.spec, HOST, String(port)], port, options, true);
    const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
    let nextId = 0;
    child.on("message", (reply: HostReply) => {
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.type === "reloaded") waiter?.resolve();
      else waiter?.reject(new Error(reply.message));
    });
    child.once("exit", () => {
      for (const waiter of pending.values()) waiter.reject(new Error("the mock exited"));
      pending.clear();
    });
    const reload = (): Promise<void> =>
      new Promise((resolve, reject) => {
        const id = ++nextId;
        pending.set(id, { resolve, reject });
        child.send({ type: "reload", id } satisfies HostRequest, (error) => {
          if (error) {
            pending.delete(id);
            reject(error);
          }
        });
      });
    return { ...server, reload };
  };
  return options.port === undefined ? withFreePort(start) : start(options.port);
}

/** Runs `start` on a port that was free; when another process takes it first, tries another (three attempts). */
async function withFreePort<T>(start: (port: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePort());
    } catch (error) {
      const portTaken = /EADDRINUSE/.test((error as Error).message);
      if (!portTaken || attempt === 3) throw error;
    }
  }
}

async function launch(
  argv: string[],
  port: number,
  options: { logFile: string; startTimeoutMs?: number | undefined },
  ipc: boolean,
): Promise<{ server: PrismServer; child: ChildProcess }> {
  const url = `http://${HOST}:${port}`;
  const log = openSync(options.logFile, "a");
  const logStart = readFileSync(options.logFile, "utf8").length;
  const child = spawn(process.execPath, argv, {
    detached: true,
    stdio: ipc ? ["ignore", log, log, "ipc"] : ["ignore", log, log],
    env: { ...process.env, SCARF_ANALYTICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Prism could not be started; see ${options.logFile}`);
  running.set(pid, child);

  try {
    await waitUntilListening(
      url,
      child,
      options.logFile,
      logStart,
      options.startTimeoutMs ?? START_CEILING_MS,
    );
  } catch (error) {
    await stopChild(child, pid);
    const output = readFileSync(options.logFile, "utf8").slice(logStart);
    throw new Error(
      `${(error as Error).message}: prism ${argv.slice(1).join(" ")}\n--- ${options.logFile} ---\n${output}`,
    );
  }
  return { server: { url, pid, logFile: options.logFile, stop: () => stopChild(child, pid) }, child };
}
