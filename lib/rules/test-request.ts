// Builds the request a rule sees, for the rules' unit tests.
import { RequestView } from "./request-view.ts";

export function testRequest(
  parts: { method?: string; path?: string; query?: string; headers?: [string, string][]; body?: string } = {},
): RequestView {
  return new RequestView({
    id: "0197a2b4-0000-7000-8000-000000000001",
    method: parts.method ?? "POST",
    path: parts.path ?? "/",
    query: parts.query ?? "",
    rawHeaders: (parts.headers ?? []).flat(),
    body: Buffer.from(parts.body ?? "", "utf8"),
  });
}
