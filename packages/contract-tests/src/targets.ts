// Which server each API is tested against: Prism's mock, or a real server behind Prism's proxy.
import type { ApiName } from "@orgadmin/spec/contract";

export type Mode = "mock" | "proxy";

export interface Target {
  api: ApiName;
  mode: Mode;
  /** The real server, in proxy mode. */
  upstream: string | undefined;
}

const ENV: Record<ApiName, string> = {
  enterprise: "CONTRACT_TARGET_ENTERPRISE",
  organizations: "CONTRACT_TARGET_ORGANIZATIONS",
};

export function targetOf(api: ApiName, env: NodeJS.ProcessEnv = process.env): Target {
  const raw = env[ENV[api]]?.trim();
  if (!raw) return { api, mode: "mock", upstream: undefined };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${ENV[api]} must be an absolute http(s) URL, got ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`${ENV[api]} must be an http(s) URL, got ${url.protocol}`);
  }
  return { api, mode: "proxy", upstream: url.href.replace(/\/+$/, "") };
}
