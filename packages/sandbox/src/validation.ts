// Request validation compiled from the bundled contract with Ajv (JSON Schema 2020-12, the
// dialect the spec declares). Schemas are referenced in place, never restated. One Ajv per
// document, without type coercion: query text is turned into values by query.ts first, under
// rules stricter than Ajv's coercion (which reads `Infinity` or `1e400` as numbers).
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import formatsModule from "ajv-formats";
import type { OpenApiDocument } from "./contract.js";

const addFormats = formatsModule.default;

/** OpenAPI keywords that sit inside schemas but mean nothing to a validator. */
const OPENAPI_ANNOTATIONS = ["example", "xml", "externalDocs", "discriminator"];

export interface SchemaCompiler {
  /** The `$id` the document's schemas are reached under: `<id>#/components/...`. */
  id: string;
  /** A validator for the schema at `pointer` (a JSON pointer into the document). */
  compile(pointer: string): ValidateFunction;
  /** A validator for a schema built around the document's own (by `$ref`). */
  compileSchema(schema: object): ValidateFunction;
}

export function createCompiler(doc: OpenApiDocument, name: string): SchemaCompiler {
  const id = `urn:orgadmin:${name}`;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  // The document's schemas are reached by pointer (`<id>#/components/...`, `<id>#/paths/...`).
  ajv.addVocabulary([...OPENAPI_ANNOTATIONS, "components", "paths"]);
  ajv.addSchema({ $id: id, components: doc.components, paths: doc.paths });
  return {
    id,
    compile: (pointer) => ajv.compile({ $ref: `${id}#${pointer}` }),
    compileSchema: (schema) => ajv.compile(schema),
  };
}

export interface FieldError {
  field: string;
  message: string;
}

/** Ajv errors as `{field, message}` pairs, the field named by its JSON path. */
export function fieldErrors(errors: ErrorObject[] | null | undefined, root: string): FieldError[] {
  return (errors ?? []).map((e) => {
    const missing =
      e.keyword === "required" ? `/${(e.params as { missingProperty: string }).missingProperty}` : "";
    const extra =
      e.keyword === "additionalProperties"
        ? `/${(e.params as { additionalProperty: string }).additionalProperty}`
        : "";
    const path = `${e.instancePath}${missing}${extra}`.replace(/^\//, "").replace(/\//g, ".");
    const message =
      e.keyword === "additionalProperties" ? "is not a known field" : (e.message ?? "is invalid");
    return { field: path || root, message };
  });
}
