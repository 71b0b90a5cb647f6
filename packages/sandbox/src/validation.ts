// Request validation compiled from the bundled contract with Ajv (JSON Schema 2020-12, the
// dialect the spec declares). Schemas are referenced in place, never restated.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import formatsModule from "ajv-formats";
import type { OpenApiDocument } from "./contract.js";

const addFormats = formatsModule.default;

/** OpenAPI keywords that sit inside schemas but mean nothing to a validator. */
const OPENAPI_ANNOTATIONS = ["example", "xml", "externalDocs", "discriminator"];

export interface SchemaCompiler {
  /** A validator for the schema at `pointer` (a JSON pointer into the document). */
  compile(pointer: string): ValidateFunction;
}

function makeAjv(doc: OpenApiDocument, id: string, coerce: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    // A query string carries text; its parameters are coerced to the declared types.
    coerceTypes: coerce,
  });
  addFormats(ajv);
  // The document's schemas are reached by pointer (`<id>#/components/...`, `<id>#/paths/...`).
  ajv.addVocabulary([...OPENAPI_ANNOTATIONS, "components", "paths"]);
  ajv.addSchema({ $id: id, components: doc.components, paths: doc.paths });
  return ajv;
}

/** Two compilers over one document: bodies as sent, and parameters coerced from text. */
export function createCompilers(
  doc: OpenApiDocument,
  name: string,
): { body: SchemaCompiler; params: SchemaCompiler; ajvParams: Ajv2020 } {
  const id = `urn:orgadmin:${name}`;
  const bodyAjv = makeAjv(doc, id, false);
  const paramAjv = makeAjv(doc, id, true);
  const compiler = (ajv: Ajv2020): SchemaCompiler => ({
    compile: (pointer) => ajv.compile({ $ref: `${id}#${pointer}` }),
  });
  return { body: compiler(bodyAjv), params: compiler(paramAjv), ajvParams: paramAjv };
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
