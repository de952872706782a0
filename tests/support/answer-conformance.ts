// Integration-suite setup: every JSON answer a test server gives under /api/ is checked against
// the API document, and a test file whose answers did not match fails in its afterAll, naming the
// operation, the status and what did not match. Only fetch is watched (the suite's client); the
// answer is read from a clone, so tests see the same Response and streams are left alone.
import { afterAll, inject } from "vitest";
import { type AnswerChecker, createAnswerChecker } from "./openapi-answers.ts";
import { isTestServerPort } from "./server.ts";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);
const violations = new Set<string>();
const pending = new Set<Promise<void>>();
let checker: AnswerChecker | undefined;

const realFetch = globalThis.fetch;

globalThis.fetch = async function fetchCheckingAnswers(input, init) {
  const response = await realFetch(input, init);
  const url = new URL(response.url || (input instanceof Request ? input.url : String(input)));
  const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
  if (isWatched(url, method, response)) {
    const check = response
      .clone()
      .text()
      .then((text) => record(method, url.pathname, response.status, text))
      // A body cut off (the test stopped the server, or aborted) has nothing to check.
      .catch(() => {});
    pending.add(check);
    void check.finally(() => pending.delete(check));
  }
  return response;
};

function isWatched(url: URL, method: string, response: Response): boolean {
  if (method === "HEAD" || !url.pathname.startsWith("/api/")) return false;
  if (!LOCAL_HOSTS.has(url.hostname) || !isTestServerPort(Number(url.port))) return false;
  const type = response.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

function record(method: string, pathname: string, status: number, text: string): void {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    violations.add(`${method} ${pathname} ${status}: the answer says JSON but is not: ${text.slice(0, 120)}`);
    return;
  }
  checker ??= createAnswerChecker(inject("openApiDocument"));
  const problem = checker.check(method, pathname, status, body);
  if (problem) violations.add(problem);
}

afterAll(async () => {
  await Promise.all(pending);
  if (violations.size > 0) {
    const list = [...violations].map((violation) => `  - ${violation}`).join("\n");
    violations.clear();
    throw new Error(`API answers that do not match /api/openapi.json (lib/openapi):\n${list}`);
  }
});
