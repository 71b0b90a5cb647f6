// Finds, in TypeScript or JavaScript source, the string literals that restate a fact the spec owns.
// Only string literals in code count: a comment may name a fact, code must read it from the spec.
import ts from "typescript";

export interface OwnedLiterals {
  /** Server URLs and base paths: a literal equal to one, or starting with one. */
  urls: readonly string[];
  /** Values a literal must not equal: envelope status messages, role names. */
  values: readonly string[];
  /** The API names: an array or a union holding two of them is a list of the APIs. */
  apis: readonly string[];
}

export interface Finding {
  line: number;
  literal: string;
  what: string;
}

const isText = (node: ts.Node): node is ts.StringLiteralLike | ts.TemplateLiteralLikeNode =>
  ts.isStringLiteralLike(node) ||
  ts.isTemplateHead(node) ||
  ts.isTemplateMiddle(node) ||
  ts.isTemplateTail(node);

/** Every literal of `source` (a file named `file`) that restates one of `owned`. */
export function findSpecLiterals(file: string, source: string, owned: OwnedLiterals): Finding[] {
  const kind = /\.(m|c)?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const found: Finding[] = [];
  const lineOf = (node: ts.Node) => tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1;
  const apiList = (node: ts.Node, members: readonly ts.Node[]) => {
    const names = new Set(
      members.flatMap((m) => {
        const literal = ts.isLiteralTypeNode(m) ? m.literal : m;
        return ts.isStringLiteralLike(literal) && owned.apis.includes(literal.text) ? [literal.text] : [];
      }),
    );
    if (names.size >= 2)
      found.push({ line: lineOf(node), literal: [...names].join(", "), what: "the list of APIs" });
  };
  const visit = (node: ts.Node): void => {
    if (isText(node)) {
      const text = node.text;
      const url = owned.urls.find((u) => text.startsWith(u));
      if (url) found.push({ line: lineOf(node), literal: text, what: `the spec's server ${url}` });
      else if (owned.values.includes(text))
        found.push({ line: lineOf(node), literal: text, what: "a value the spec defines" });
      else if (/^[a-z]+@v\d+$/.test(text) && owned.apis.includes(text.split("@")[0] ?? ""))
        found.push({ line: lineOf(node), literal: text, what: "an API alias of redocly.yaml" });
    }
    if (ts.isArrayLiteralExpression(node)) apiList(node, node.elements);
    if (ts.isUnionTypeNode(node)) apiList(node, node.types);
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}
