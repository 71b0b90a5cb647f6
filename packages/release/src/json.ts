// JSON values as read from a bundled document, and the comparisons the classifier makes on them.
import { isObject } from "@orgadmin/spec/contract";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Obj = { [key: string]: Json };

export const asObj = (v: unknown): Obj => (isObject(v) ? (v as Obj) : {});
export const asArray = (v: unknown): Json[] => (Array.isArray(v) ? v : []);
export const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** JSON with object keys sorted, so equal values print equal. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "undefined";
}
