// Answer templates: mustache, with a context that reads only the request. A template can name
// nothing else: no partials, no lambdas (values are always strings), no object walk (names are
// resolved here, not by property lookup, so "constructor" or "__proto__" find nothing), no loops
// (a section over a string renders once), and no HTML escaping (answers are not HTML, and every
// capture answer is sandboxed anyway).
import Mustache from "mustache";
import { jsonValueText, resolvePointer } from "./json-pointer.ts";
import type { RequestView } from "./request-view.ts";

/**
 * Bounds on what one template can produce. Each tag is rendered at most once (nothing loops), so
 * a rendered template is at most its own length plus MAX_FILLED_CHARS.
 */
export const MAX_TEMPLATE_TAGS = 100;
export const MAX_FILLED_CHARS = 256 * 1024;

const TAGS: [string, string] = ["{{", "}}"];

/** A writer of our own, without the template cache the shared one keeps forever. */
const writer = new Mustache.Writer();
(writer as unknown as { templateCache: unknown }).templateCache = undefined;

type Token = [string, string, number, number, Token[]?, ...unknown[]];

export class TemplateError extends Error {}

/** Parses a template and checks its bounds; throws TemplateError with a reason for the user. */
export function parseTemplate(template: string): Token[] {
  let tokens: Token[];
  try {
    tokens = writer.parse(template, TAGS) as Token[];
  } catch (err) {
    throw new TemplateError(err instanceof Error ? err.message : "the template does not parse");
  }
  if (countTags(tokens) > MAX_TEMPLATE_TAGS) {
    throw new TemplateError(`a template has at most ${MAX_TEMPLATE_TAGS} tags`);
  }
  return tokens;
}

function countTags(tokens: Token[]): number {
  let count = 0;
  for (const token of tokens) {
    if (token[0] !== "text") count++;
    if (token[4]) count += countTags(token[4]);
  }
  return count;
}

/** What a template may read besides the request: the rule's signature, once computed. */
export interface TemplateExtras {
  signature?: string;
}

/** The only context a template is rendered in. */
class RequestContext extends Mustache.Context {
  #left = MAX_FILLED_CHARS;
  readonly #request: RequestView;
  readonly #extras: TemplateExtras;

  constructor(request: RequestView, extras: TemplateExtras) {
    super({});
    this.#request = request;
    this.#extras = extras;
  }

  /** Sections do not open a new scope: names always mean the request's values. */
  override push(): Mustache.Context {
    return this;
  }

  override lookup(name: string): string {
    const value = requestValue(this.#request, this.#extras, name) ?? "";
    const kept = value.length > this.#left ? value.slice(0, this.#left) : value;
    this.#left -= kept.length;
    return kept;
  }
}

function requestValue(view: RequestView, extras: TemplateExtras, name: string): string | null {
  const { request } = view;
  switch (name) {
    case "signature":
      return extras.signature ?? null;
    case "request.id":
      return request.id;
    case "request.method":
      return request.method;
    case "request.path":
      return request.path;
    case "request.query":
      return request.query;
    case "request.body":
      return view.text;
  }
  const dot = name.indexOf(".");
  if (dot === -1) return null;
  const key = name.slice(dot + 1);
  switch (name.slice(0, dot)) {
    case "query":
      return view.params.get(key);
    case "header":
      return view.header(key);
    case "json": {
      const json = view.json;
      return json === undefined ? null : jsonValueText(resolvePointer(json, key));
    }
    case "form":
      return view.form?.get(key) ?? null;
    default:
      return null;
  }
}

const identity = (value: string) => value;

/** Renders a template against a request; a template that does not parse renders empty. */
export function renderTemplate(template: string, view: RequestView, extras: TemplateExtras = {}): string {
  let tokens: Token[];
  try {
    tokens = parseTemplate(template);
  } catch {
    return "";
  }
  return writer.renderTokens(tokens as never, new RequestContext(view, extras), undefined, template, {
    escape: identity,
  });
}
