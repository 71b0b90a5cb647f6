import type { ApiName } from "@orgadmin/spec/contract";
import type { Mode } from "../../src/targets.js";

export interface ServerInfo {
  url: string;
  mode: Mode;
}

declare module "vitest" {
  export interface ProvidedContext {
    servers: Record<ApiName, ServerInfo>;
    runDir: string;
  }
}
