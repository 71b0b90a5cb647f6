// The one Ajv set-up (JSON Schema 2020-12, the dialect the spec declares) and the one format of its
// errors. Schemas are compiled by pointer into the document, so `$ref`s resolve as it states them.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import formatsModule from "ajv-formats";
import type { OpenApiDocument } from "./document.js";
import { escapePointer, unescapePointer } from "./refs.js";

const addFormats = formatsModule.default;

/** OpenAPI keywords that sit inside schemas but mean nothing to a validator. */
const OPENAPI_ANNOTATIONS = ["example", "xml", "externalDocs", "discriminator"];

export interface SchemaCompilerOptions {
  /** Coerce text to the declared types, as query and path parameters need. */
  coerceTypes?: boolean;
}

export interface SchemaCompiler {
  /** The Ajv instance, for a schema composed of `ref(...)`s. */
  readonly ajv: Ajv2020;
  /** `{$ref}` to the schema at `pointer` (e.g. `/components/schemas/Member`), for composed schemas. */
  ref(pointer: string): { $ref: string };
  /** A validator for the schema at `pointer`, compiled once. */
  compile(pointer: string): ValidateFunction;
}

/** Compiles validators for schemas of `doc`; `id` names the document inside Ajv (one id per API). */
export function createSchemaCompiler(
  doc: OpenApiDocument,
  id: string,
  options: SchemaCompilerOptions = {},
): SchemaCompiler {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    // 3.1 says `type: [string, "null"]` for a nullable field.
    allowUnionTypes: true,
    coerceTypes: options.coerceTypes ?? false,
  });
  addFormats(ajv);
  // The document's schemas are reached by pointer (`<id>#/components/...`, `<id>#/paths/...`).
  ajv.addVocabulary([...OPENAPI_ANNOTATIONS, "components", "paths"]);
  ajv.addSchema({ $id: id, components: doc.components ?? {}, paths: doc.paths ?? {} });
  const compiled = new Map<string, ValidateFunction>();
  const ref = (pointer: string) => ({ $ref: `${id}#${pointer}` });
  return {
    ajv,
    ref,
    compile(pointer) {
      let fn = compiled.get(pointer);
      if (!fn) {
        fn = ajv.compile(ref(pointer));
        compiled.set(pointer, fn);
      }
      return fn;
    },
  };
}

/** One problem of a value against a schema: where in the value (a JSON pointer), and what. */
export interface SchemaProblem {
  /** The offending location, a missing or unknown property included: `/members/0/email`. */
  pointer: string;
  message: string;
}

/** Ajv's errors in the one format every package reports them in. */
export function schemaProblems(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  return (errors ?? []).map((error) => {
    const missing = (error.params as { missingProperty?: string }).missingProperty;
    const extra = (error.params as { additionalProperty?: string }).additionalProperty;
    if (error.keyword === "required" && missing !== undefined)
      return {
        pointer: `${error.instancePath}/${escapePointer(missing)}`,
        message: "is required but missing",
      };
    if (error.keyword === "additionalProperties" && extra !== undefined)
      return { pointer: `${error.instancePath}/${escapePointer(extra)}`, message: "is not in the contract" };
    return { pointer: error.instancePath, message: error.message ?? error.keyword };
  });
}

/** The segments of a JSON pointer, unescaped: `/a~1b/0` → `["a/b", "0"]`. */
export const pointerSegments = (pointer: string): string[] =>
  pointer === "" ? [] : pointer.slice(1).split("/").map(unescapePointer);

/** `/members/0/email` → `$.members[0].email` */
export function jsonPath(pointer: string): string {
  return pointerSegments(pointer).reduce(
    (path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : `${path}.${part}`),
    "$",
  );
}

/** `$.members[0].email: is required but missing` */
export const describeProblem = (problem: SchemaProblem): string =>
  `${jsonPath(problem.pointer)}: ${problem.message}`;
