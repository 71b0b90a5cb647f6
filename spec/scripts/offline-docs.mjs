// The reference pages must open offline and call nothing: Redoc's footer badge ("API docs by"
// and the vendor's logo) loads its logo from the vendor's CDN at run time, and no build-docs option
// turns it off. The logo is served from the page itself instead: a small wordmark of our own as a
// data: URL. The browser test (packages/runtimes) fails on any request that leaves the machine.

const wordmark = (text, width) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">` +
      `<text x="0" y="12.5" font-family="sans-serif" font-size="12" font-weight="600" fill="#0044d4">${text}</text></svg>`,
  )}`;

/** Remote asset → what replaces it. */
export const REMOTE_ASSETS = {
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg": wordmark("Redocly", 52),
  "https://cdn.redoc.ly/redoc/logo-mini.svg": wordmark("R", 10),
};

/** The rendered page with every remote asset it would load replaced by an inline one. */
export function withoutRemoteAssets(html) {
  let out = html;
  for (const [remote, inline] of Object.entries(REMOTE_ASSETS)) out = out.replaceAll(remote, inline);
  return out;
}
