// The APIs of the contract, by the name of their bundle (`dist/<api>.json`) and source folder.
// Apart from apis.ts (which knows where the bundles are on disk) so the portable entry has them too.
export const API_NAMES = ["enterprise", "organizations"] as const;
export type ApiName = (typeof API_NAMES)[number];

export function isApiName(name: string): name is ApiName {
  return (API_NAMES as readonly string[]).includes(name);
}
