export interface PageSizeBounds {
  parameter: string;
  minimum: number;
  maximum: number;
  default: number;
}

export function pagingOf(doc: unknown): Record<string, PageSizeBounds>;
