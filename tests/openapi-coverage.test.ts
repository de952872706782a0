// The API document covers every route, and documents none that is gone. Routes are Next's route
// handlers (app/api/**/route.ts, each exported method that is not a methodNotAllowed answer) and
// what server.ts serves on node:http before Next (capture, live streams, body downloads, waits,
// metrics), found through the very matchers server.ts calls.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCaptureTarget } from "../lib/capture/target.ts";
import { matchStream } from "../lib/live/stream-handler.ts";
import { openApiDocument } from "../lib/openapi/document.ts";
import { matchBodyDownload } from "../lib/requests/body-handler.ts";
import { matchWait } from "../lib/wait/wait-handler.ts";
import { ROOT } from "./support/server.ts";

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const APP_API = path.join(ROOT, "app", "api");
/** app/api/[...path]: the JSON 404 for paths no route serves, not an operation. */
const CATCH_ALL = "[...path]";

/** What server.ts answers on node:http, by the function it asks; each with the paths it serves. */
const NODE_ROUTES: { matcher: string; matches: (url: string) => boolean; paths: string[]; methods: string[] }[] = [
  {
    matcher: "parseCaptureTarget",
    matches: (url) => parseCaptureTarget(url) !== null,
    paths: ["/h/{token}", "/h/{token}/{subPath}"],
    methods: HTTP_METHODS,
  },
  {
    matcher: "matchStream",
    matches: (url) => matchStream(url) !== null,
    paths: ["/api/bins/{key}/stream", "/api/shares/{id}/stream"],
    methods: ["get"],
  },
  {
    matcher: "matchBodyDownload",
    matches: (url) => matchBodyDownload(url) !== null,
    paths: ["/api/bins/{key}/requests/{id}/body", "/api/shares/{id}/requests/{requestId}/body"],
    methods: ["get"],
  },
  {
    matcher: "matchWait",
    matches: (url) => matchWait(url) !== null,
    paths: ["/api/bins/{key}/requests/wait"],
    methods: ["get"],
  },
  {
    matcher: '"/metrics"',
    matches: (url) => url === "/metrics",
    paths: ["/metrics"],
    methods: ["get"],
  },
];

/** A URL for a path template, with a plausible secret or id in each parameter. */
const sample = (template: string) => template.replace(/\{[^}]+\}/g, "AbCdEfGhIjKlMnOpQrStUvWx");

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === CATCH_ALL) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** "METHOD /path" for each method a route file serves (a methodNotAllowed export serves nothing). */
function nextOperations(): string[] {
  return routeFiles(APP_API).flatMap((file) => {
    const route = `/api/${path.relative(APP_API, path.dirname(file)).split(path.sep).join("/")}`.replace(
      /\[([^\]]+)\]/g,
      "{$1}",
    );
    const source = readFileSync(file, "utf8");
    const exported = [
      ...source.matchAll(/export\s+const\s+([A-Z]+)\s*=\s*([A-Za-z]+)/g),
      ...source.matchAll(/export\s+(?:async\s+)?function\s+([A-Z]+)\s*\(/g),
    ];
    return exported
      .filter(([, method = "", init]) => HTTP_METHODS.includes(method.toLowerCase()) && init !== "methodNotAllowed")
      .map(([, method = ""]) => `${method} ${route.replace(/\/$/, "")}`);
  });
}

/** Which handler answers a URL: server.ts asks its node:http matchers before it hands over to Next. */
function nodeRouteFor(url: string) {
  return NODE_ROUTES.find((route) => route.matches(url));
}

const documented = Object.entries(openApiDocument().paths).flatMap(([template, item]) =>
  Object.keys(item)
    .filter((method) => HTTP_METHODS.includes(method))
    .map((method) => `${method.toUpperCase()} ${template}`),
);

describe("the API document's coverage", () => {
  it("knows every node:http route server.ts serves", () => {
    const server = readFileSync(path.join(ROOT, "server.ts"), "utf8");
    const asked = new Set([...server.matchAll(/\b(match[A-Z]\w*|parse\w*Target)\(/g)].map(([, name = ""]) => name));
    if (server.includes('"/metrics"')) asked.add('"/metrics"');
    const known = NODE_ROUTES.map((route) => route.matcher);
    expect(
      [...asked].filter((name) => !known.includes(name)),
      "server.ts routes this test does not know",
    ).toEqual([]);
    for (const route of NODE_ROUTES) {
      expect(asked.has(route.matcher), `server.ts no longer asks ${route.matcher}`).toBe(true);
      for (const template of route.paths) expect(route.matches(sample(template)), template).toBe(true);
    }
  });

  it("documents every route and method, and nothing else", () => {
    const served = new Set(
      nextOperations().filter((operation) => !nodeRouteFor(sample(operation.split(" ")[1] ?? ""))),
    );
    for (const route of NODE_ROUTES) {
      for (const template of route.paths) {
        for (const method of route.methods) served.add(`${method.toUpperCase()} ${template}`);
      }
    }
    expect(served.size).toBeGreaterThan(30);
    const missing = [...served].filter((operation) => !documented.includes(operation)).sort();
    const gone = documented.filter((operation) => !served.has(operation)).sort();
    expect(missing, "routes lib/openapi/operations.ts does not document").toEqual([]);
    expect(gone, "documented operations that no route serves").toEqual([]);
  });
});
