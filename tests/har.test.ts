// HAR 1.2 and JSON lines exports, and HAR import: an export is a valid HAR, and importing it into
// another bin reproduces every request byte-exactly (method, path and query, header list, body).
import { createRequire } from "node:module";
import Ajv, { type ValidateFunction } from "ajv";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json" with { type: "json" };
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { RequestRecord } from "../lib/requests/types.ts";
import { sendAll } from "./support/har-fixtures.ts";
import { api, createBin, getBody, getRecord, listRequests } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";
import { openStream } from "./support/sse.ts";

afterAll(cleanupServers);

// har-schema ships JSON schemas without types.
const harSchemas = createRequire(import.meta.url)("har-schema") as Record<string, object>;

function harValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06);
  ajv.addFormat("date-time", (s: string) => /^\d{4}-\d\d-\d\dT/.test(s) && !Number.isNaN(Date.parse(s)));
  for (const schema of Object.values(harSchemas)) ajv.addSchema(schema);
  return ajv.getSchema("har.json#") as ValidateFunction;
}

interface Har {
  log: { version: string; entries: { request: { url: string; method: string; postData?: Record<string, string> } }[] };
}

async function exportHar(server: TestServer, path: string): Promise<{ har: Har; res: Response }> {
  const res = await fetch(`${server.url}${path}`);
  expect(res.status).toBe(200);
  const har = JSON.parse(await res.clone().text()) as Har;
  return { har, res };
}

async function importHar(server: TestServer, key: string, body: string) {
  return api<{ imported?: number; error?: { code: string; message: string } }>(server.url, `/api/bins/${key}/import`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
  });
}

/** A bin's records, oldest first, each with its body bytes. */
async function recordsOf(server: TestServer, bin: BinJson): Promise<(RequestRecord & { bytes: Buffer })[]> {
  const page = await listRequests(server.url, bin.key, "?limit=100");
  const out = [];
  for (const summary of page.requests.reverse()) {
    const record = await getRecord(server.url, bin.key, summary.id);
    out.push({ ...record, bytes: await getBody(server.url, bin.key, summary.id) });
  }
  return out;
}

describe("HAR export and import", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it("exports a valid HAR 1.2 that imports into another bin byte-exactly, for every body kind", async () => {
    const source = await createBin(server.url);
    const sent = await sendAll(server.port, source);
    const { har, res } = await exportHar(server, `/api/bins/${source.key}/export.har`);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="hookscope-.*\.har"$/);
    const validate = harValidator();
    expect(validate(har), JSON.stringify(validate.errors)).toBe(true);
    expect(har.log.entries.map((e) => e.request.url)).toEqual(sent.map((s) => `${source.captureUrl}${s.target}`));
    const binary = har.log.entries[3]?.request.postData;
    expect(binary).toMatchObject({ _encoding: "base64", text: sent[3]?.body.toString("base64") });

    const target = await createBin(server.url);
    const stream = await openStream(`${server.url}/api/bins/${target.key}/stream`);
    const imported = await importHar(server, target.key, JSON.stringify(har));
    expect(imported.status).toBe(200);
    expect(imported.json).toEqual({ imported: sent.length });
    // Imported captures reach open inspectors like others, in file order.
    const events = await stream.waitForEvents(sent.length);
    stream.close();
    const originals = await recordsOf(server, source);
    const copies = await recordsOf(server, target);
    expect(events.map((e) => JSON.parse(e.data).id)).toEqual(copies.map((c) => c.id));
    expect(copies).toHaveLength(sent.length);
    copies.forEach((copy, i) => {
      const original = originals[i] as (typeof originals)[number];
      expect(copy.method).toBe(original.method);
      expect(copy.path).toBe(original.path);
      expect(copy.query).toBe(original.query);
      expect(copy.headers).toEqual(original.headers);
      expect(copy.bytes.equals(original.bytes)).toBe(true);
      expect(copy.contentType).toBe(original.contentType);
      expect(copy.receivedAt).toBe(original.receivedAt);
      expect(copy.importedAt).toEqual(expect.any(String));
      expect(original.importedAt).toBeUndefined();
      expect(copy.url).toBe(`/h/${new URL(target.captureUrl).pathname.split("/")[2]}${sent[i]?.target}`);
      expect(copy.seq).toBe(i + 1);
    });
    // The bytes equal what was sent, not only each other.
    expect(copies.map((c) => c.bytes.toString("hex"))).toEqual(sent.map((s) => s.body.toString("hex")));
  });

  it("exports what the list's filters or ids select, and JSON lines with binary bodies as base64", async () => {
    const bin = await createBin(server.url);
    const sent = await sendAll(server.port, bin);
    const puts = await exportHar(server, `/api/bins/${bin.key}/export.har?method=PUT`);
    expect(puts.har.log.entries.map((e) => e.request.method)).toEqual(["PUT"]);
    const search = await exportHar(server, `/api/bins/${bin.key}/export.har?q=twilio`);
    expect(search.har.log.entries.map((e) => new URL(e.request.url).pathname)).toEqual([
      `${new URL(bin.captureUrl).pathname}/twilio`,
    ]);
    const records = await recordsOf(server, bin);
    const ids = [records[3]?.id, records[0]?.id].join(",");
    const picked = await exportHar(server, `/api/bins/${bin.key}/export.har?ids=${ids}`);
    expect(picked.har.log.entries.map((e) => e.request.method)).toEqual(["POST", "POST"]);
    expect(picked.har.log.entries[0]?.request.postData?._encoding).toBe("base64");

    const res = await fetch(`${server.url}/api/bins/${bin.key}/export.jsonl`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".*\.jsonl"$/);
    const lines = (await res.text())
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(sent.length);
    lines.forEach((line, i) => {
      const bytes = line.bodyText !== null ? Buffer.from(line.bodyText) : Buffer.from(line.bodyBase64 ?? "", "base64");
      expect(bytes.equals(sent[i]?.body as Buffer)).toBe(true);
      expect(line.headers).toEqual(records[i]?.headers);
    });
    expect(lines[3].bodyBase64).toBe(sent[3]?.body.toString("base64"));

    const bad = await api(server.url, `/api/bins/${bin.key}/export.har?ids=not-an-id`);
    expect(bad.status).toBe(400);
    expect((await api(server.url, "/api/bins/nokeynokeynokeynokeynokey/export.har")).status).toBe(404);
  });

  it("exports through a share link without the token or key, URLs starting at the sub-path", async () => {
    const bin = await createBin(server.url);
    await sendAll(server.port, bin, ["json", "binary"]);
    const share = await api<{ id: string }>(server.url, `/api/bins/${bin.key}/shares`, { method: "POST", body: "{}" });
    const token = new URL(bin.captureUrl).pathname.split("/")[2] as string;
    for (const format of ["har", "jsonl"]) {
      const res = await fetch(`${server.url}/api/shares/${share.json.id}/export.${format}`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain(token);
      expect(text).not.toContain(bin.key);
      if (format === "har") {
        const har = JSON.parse(text) as Har;
        expect(har.log.entries.map((e) => e.request.url)).toEqual([
          "https://your-endpoint.example/stripe/events?b=2&sp=%20x+y&flag&a=1",
          "https://your-endpoint.example/bin",
        ]);
      }
    }
  });

  it("refuses an invalid HAR naming the entry and field, and stores nothing of it", async () => {
    const bin = await createBin(server.url);
    const entry = (url: string, extra: object = {}) => ({
      startedDateTime: "2026-01-02T03:04:05.000Z",
      request: { method: "POST", url, headers: [{ name: "A", value: "1" }], ...extra },
    });
    const cases: [unknown, RegExp][] = [
      [{ log: {} }, /log\.entries/],
      [{ log: { entries: [entry("https://x.example/a"), entry("not a url")] } }, /entries\[1\]\.request\.url/],
      [
        { log: { entries: [entry("https://x.example/a", { postData: { text: "%%%", _encoding: "base64" } })] } },
        /entries\[0\]\.request\.postData\.text: must be base64/,
      ],
      [
        { log: { entries: [{ ...entry("https://x.example/"), startedDateTime: "yesterday" }] } },
        /entries\[0\]\.startedDateTime/,
      ],
      [{ log: { entries: [entry("https://x.example/", { method: "PO ST" })] } }, /entries\[0\]\.request\.method/],
      [
        { log: { entries: [entry("https://x.example/", { headers: [{ name: "A" }] })] } },
        /entries\[0\]\.request\.headers\.0\.value/,
      ],
    ];
    for (const [har, message] of cases) {
      const res = await importHar(server, bin.key, JSON.stringify(har));
      expect(res.status).toBe(400);
      expect(res.json.error?.code).toBe("invalid_har");
      expect(res.json.error?.message).toMatch(message);
    }
    const notJson = await importHar(server, bin.key, "{not json");
    expect(notJson.status).toBe(400);
    expect((await listRequests(server.url, bin.key)).requests).toHaveLength(0);
    expect((await importHar(server, "nokeynokeynokeynokeynokey", "{}")).status).toBe(404);
  });

  it("imports a DevTools-style HAR: path after /h/{anything}, params-only forms, pseudo-headers dropped", async () => {
    const bin = await createBin(server.url);
    const har = {
      log: {
        entries: [
          {
            startedDateTime: "2026-01-02T03:04:05.000Z",
            request: {
              method: "POST",
              url: "https://other.example/h/sometoken/deep/path?x=%41#frag",
              httpVersion: "http/2.0",
              headers: [
                { name: ":authority", value: "other.example" },
                { name: "content-type", value: "application/x-www-form-urlencoded" },
              ],
              postData: { mimeType: "application/x-www-form-urlencoded", params: [{ name: "a b", value: "c&d" }] },
            },
          },
          {
            startedDateTime: "2026-01-02T03:04:06.000Z",
            request: { method: "GET", url: "https://api.example/v1/things", headers: [] },
          },
        ],
      },
    };
    expect((await importHar(server, bin.key, JSON.stringify(har))).json).toEqual({ imported: 2 });
    const [form, get] = await recordsOf(server, bin);
    expect(form).toMatchObject({
      path: "/deep/path",
      query: "x=%41",
      httpVersion: "2.0",
      receivedAt: "2026-01-02T03:04:05.000Z",
    });
    expect(form?.headers).toEqual([["content-type", "application/x-www-form-urlencoded"]]);
    expect(form?.bytes.toString()).toBe("a%20b=c%26d");
    expect(get).toMatchObject({ path: "/v1/things", query: "", bodySize: 0 });
  });
});

describe("HAR limits", () => {
  it("refuses a file over IMPORT_MAX_BYTES or a body over MAX_BODY_BYTES with 413, keeps MAX_REQUESTS_PER_BIN and exports at most EXPORT_MAX_REQUESTS", async () => {
    const server = await startServer({
      env: { IMPORT_MAX_BYTES: "4096", MAX_REQUESTS_PER_BIN: "3", EXPORT_MAX_REQUESTS: "2", MAX_BODY_BYTES: "100" },
    });
    onTestFinished(async () => {
      await server.stop();
    });
    const bin = await createBin(server.url);
    const entry = (i: number) => ({
      startedDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      request: {
        method: "POST",
        url: `https://x.example/n/${i}`,
        headers: [],
        postData: { mimeType: "text/plain", text: `${i}` },
      },
    });
    const big = {
      log: {
        entries: [
          {
            ...entry(0),
            request: { ...entry(0).request, postData: { mimeType: "text/plain", text: "x".repeat(5000) } },
          },
        ],
      },
    };
    const tooBig = await importHar(server, bin.key, JSON.stringify(big));
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.error?.message).toContain("IMPORT_MAX_BYTES");

    const overMaxBody = {
      log: {
        entries: [
          entry(0),
          {
            ...entry(1),
            request: { ...entry(1).request, postData: { mimeType: "text/plain", text: "y".repeat(101) } },
          },
        ],
      },
    };
    const refused = await importHar(server, bin.key, JSON.stringify(overMaxBody));
    expect(refused.status).toBe(413);
    expect(refused.json.error?.message).toMatch(/entries\[1\]\.request\.postData: .*MAX_BODY_BYTES/);
    expect((await listRequests(server.url, bin.key)).requests).toHaveLength(0);

    const five = { log: { entries: [0, 1, 2, 3, 4].map(entry) } };
    expect((await importHar(server, bin.key, JSON.stringify(five))).json).toEqual({ imported: 5 });
    const kept = await listRequests(server.url, bin.key);
    expect(kept.requests.map((r) => [r.seq, r.path])).toEqual([
      [5, "/n/4"],
      [4, "/n/3"],
      [3, "/n/2"],
    ]);
    const bins = await api<BinJson>(server.url, `/api/bins/${bin.key}`);
    expect(bins.json.requestCount).toBe(3);
    const { har } = await exportHar(server, `/api/bins/${bin.key}/export.har`);
    expect(har.log.entries.map((e) => new URL(e.request.url).pathname.split("/").at(-1))).toEqual(["3", "4"]);
  });
});
