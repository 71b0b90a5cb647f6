// A refusal: why a request gets no success, from any stage (the HTTP layer, validation, the
// store). Each API renders a kind as its own status and error shape (error-shapes.ts).

/** One invalid field of a request, named by its dotted path (`settings.default_role`). */
export interface FieldError {
  field: string;
  message: string;
}

export type RefusalKind =
  /** The request cannot be read: malformed JSON, a wrong content type, a body too large, a bad target. */
  | "unreadable"
  /** The request was read but breaks the contract (a parameter or field missing, mistyped, out of range). */
  | "invalid"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  /** No operation has this path: outside the contract altogether. */
  | "no_route"
  /** The path is known, but has no operation for this method (`detail.allow` names those it has). */
  | "method_not_allowed"
  | "conflict"
  | "rate_limited"
  | "timeout"
  | "headers_too_large"
  /** The sandbox itself failed (a write to the data file); the change is not acknowledged. */
  | "internal";

export interface RefusalDetail {
  /** One entry per invalid field. */
  errors?: FieldError[];
  /** Whole seconds, for `Retry-After`. */
  retryAfter?: number;
  /** The methods the path answers to, for `Allow`. */
  allow?: string[];
}

export class Refusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
    readonly detail: RefusalDetail = {},
  ) {
    super(message);
    this.name = "Refusal";
  }
}
