/** Why the store refused a request; each API maps a kind to its own status and error shape. */
export type RefusalKind = "not_found" | "forbidden" | "conflict" | "invalid";

export class Refusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "Refusal";
  }
}
