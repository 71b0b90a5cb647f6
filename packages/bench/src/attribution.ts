// Where @orgadmin/client's per-call time goes: openapi-fetch with a fetch wrapper that adds, one
// at a time, the steps the client's retrying fetch takes around every attempt. These are stand-ins
// for those steps (the client does not export them), so they show orders of magnitude, not its code.
import type { paths as EnterprisePaths } from "@orgadmin/client/enterprise";
import createClient from "openapi-fetch";
import type { FetchFn, Variant } from "./variants.js";

type Wrap = (fetch: FetchFn) => FetchFn;

const copyRequest: Wrap = (fetch) => async (input) => {
  const request = input as Request;
  return fetch(new Request(request, { signal: request.signal }));
};

const rebuildResponse: Wrap = (fetch) => async (input, init) => {
  const response = await fetch(input, init);
  const bytes = await response.arrayBuffer();
  return new Response(bytes, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
};

const checkJson: Wrap = (fetch) => async (input, init) => {
  const response = await fetch(input, init);
  const bytes = await response.arrayBuffer();
  JSON.parse(new TextDecoder().decode(bytes));
  return new Response(bytes, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
};

function stepVariant(name: string, wrap: Wrap): Variant {
  return {
    name,
    make: (baseUrl, fetch) => {
      const client = createClient<EnterprisePaths>({
        baseUrl,
        headers: { Authorization: "Bearer bench-key" },
        fetch: wrap(fetch),
      });
      return async () => {
        const { data } = await client.GET("/members");
        if (!data?.members.length) throw new Error("GET /members returned no members");
      };
    },
  };
}

export const attributionVariants: Variant[] = [
  stepVariant("openapi-fetch + copy of the Request (new signal)", copyRequest),
  stepVariant("openapi-fetch + body buffered, Response rebuilt", rebuildResponse),
  stepVariant("openapi-fetch + buffered, JSON checked, rebuilt", checkJson),
  stepVariant("openapi-fetch + all three", (fetch) => checkJson(copyRequest(fetch))),
];
