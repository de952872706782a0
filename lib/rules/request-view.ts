// What a rule sees of a request: its facts as captured, with the decodings that matchers and
// templates need made once, and only when one asks for them (most bins never look at the body).
import { firstHeader } from "../capture/headers.ts";

export interface RuleRequest {
  id: string;
  method: string;
  /** The raw sub-path after the token, "/" when none. */
  path: string;
  /** The raw query string without "?". */
  query: string;
  rawHeaders: readonly string[];
  body: Uint8Array;
}

const NOT_JSON = Symbol("not JSON");

export class RequestView {
  #text: string | undefined;
  #json: unknown = undefined;
  #jsonParsed = false;
  #params: URLSearchParams | undefined;
  #form: URLSearchParams | null | undefined;

  constructor(readonly request: RuleRequest) {}

  /** The body decoded as UTF-8 (invalid bytes become U+FFFD). */
  get text(): string {
    this.#text ??= Buffer.from(
      this.request.body.buffer,
      this.request.body.byteOffset,
      this.request.body.byteLength,
    ).toString("utf8");
    return this.#text;
  }

  /** The body parsed as JSON, or undefined when it is not JSON. */
  get json(): unknown {
    if (!this.#jsonParsed) {
      this.#jsonParsed = true;
      try {
        this.#json = JSON.parse(this.text);
      } catch {
        this.#json = NOT_JSON;
      }
    }
    return this.#json === NOT_JSON ? undefined : this.#json;
  }

  /** Query parameters, decoded as URLSearchParams does ("+" is a space); keys with dots stay whole. */
  get params(): URLSearchParams {
    this.#params ??= new URLSearchParams(this.request.query);
    return this.#params;
  }

  /** Form fields of an application/x-www-form-urlencoded body; null for any other body. */
  get form(): URLSearchParams | null {
    if (this.#form === undefined) {
      const type = this.header("content-type")?.split(";")[0]?.trim().toLowerCase();
      this.#form = type === "application/x-www-form-urlencoded" ? new URLSearchParams(this.text) : null;
    }
    return this.#form;
  }

  /** The first value of a header, by name in any case. */
  header(name: string): string | null {
    return firstHeader(this.request.rawHeaders, name);
  }

  /** Every value of a header, in arrival order. */
  headerValues(name: string): string[] {
    const wanted = name.toLowerCase();
    const values: string[] = [];
    const raw = this.request.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      if ((raw[i] as string).toLowerCase() === wanted) values.push(raw[i + 1] as string);
    }
    return values;
  }
}
