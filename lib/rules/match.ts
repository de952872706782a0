// Which rule answers a request: the first enabled rule all of whose matchers hold.
import { compilePathGlob, type PathMatcher } from "../wait/path-glob.ts";
import { jsonValueText, resolvePointer } from "./json-pointer.ts";
import type { RequestView } from "./request-view.ts";
import type { Rule, RuleMatch } from "./schema.ts";

/**
 * Path globs are compiled once per pattern. They use the wait filter's matcher (`*` within a
 * segment, `**` across, nothing special about dotfiles, so "/**" matches every path) because it
 * runs in time linear in pattern × path: a regular-expression glob (picomatch's included) takes
 * polynomial time on patterns like "/*a*a*a*a*a*b", and the path is the sender's.
 */
const globs = new Map<string, PathMatcher>();
const MAX_GLOBS = 1000;

function pathMatcher(pattern: string): PathMatcher {
  let matcher = globs.get(pattern);
  if (!matcher) {
    matcher = compilePathGlob(pattern);
    if (globs.size >= MAX_GLOBS) globs.clear();
    globs.set(pattern, matcher);
  }
  return matcher;
}

/** The first enabled rule that matches, or null (the bin's default response answers). */
export function findRule(rules: readonly Rule[], view: RequestView): Rule | null {
  for (const rule of rules) {
    if (rule.enabled && matches(rule.match, view)) return rule;
  }
  return null;
}

export function matches(match: RuleMatch, view: RequestView): boolean {
  const { request } = view;
  if (match.method !== null && match.method.toUpperCase() !== request.method.toUpperCase()) return false;
  if (match.path !== null && !pathMatcher(match.path)(request.path)) return false;
  for (const { name, equals } of match.headers) {
    const values = view.headerValues(name);
    if (values.length === 0 || (equals !== null && !values.includes(equals))) return false;
  }
  for (const { name, equals } of match.query) {
    const values = view.params.getAll(name);
    if (values.length === 0 || (equals !== null && !values.includes(equals))) return false;
  }
  if (match.body?.kind === "json") {
    const json = view.json;
    if (json === undefined || jsonValueText(resolvePointer(json, match.body.pointer)) !== match.body.equals)
      return false;
  } else if (match.body?.kind === "contains") {
    if (!view.text.includes(match.body.text)) return false;
  }
  return true;
}
