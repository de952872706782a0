// Search (`q`) through the real server: what matches, paging, deletions, and the bound on the
// text one request reads, so that no query can make a search expensive for everyone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_TEXT_BYTES } from "../lib/body/detect.ts";
import { loadEnv } from "../lib/env.ts";
import { examineCost } from "../lib/requests/search.ts";
import type { RequestPage } from "../lib/requests/types.ts";
import { api, buildRequest, createBin, listRequests, rawRequest } from "./support/http.ts";
import { cleanupServers, ON_POSTGRES, startServer, type TestServer } from "./support/server.ts";

/** Rows of a 10 KiB text body that the small-budget server examines per request. */
const ROWS_PER_REQUEST = 4;
const SMALL_BODY = 10 * 1024;

let server: TestServer;
let small: TestServer;

beforeAll(async () => {
  [server, small] = await Promise.all([
    startServer(),
    startServer({ env: { SEARCH_SCAN_MAX_BYTES: String(ROWS_PER_REQUEST * examineCost(SMALL_BODY)) } }),
  ]);
});
afterAll(async () => {
  await Promise.all([server?.stop(), small?.stop()]);
  cleanupServers();
});

/** Sends exactly this request line, headers and body; returns the stored request's id. */
async function captureRaw(on: TestServer, token: string, target: string, headers: [string, string][], body = "") {
  const bytes = Buffer.from(body);
  const res = await rawRequest(
    on.port,
    buildRequest(
      "POST",
      `/h/${token}${target}`,
      [["Host", "127.0.0.1"], ...headers, ["Content-Length", String(bytes.length)]],
      bytes,
    ),
  );
  expect(res.status).toBe(200);
  return res.header("x-hookscope-request-id") as string;
}

async function capture(on: TestServer, token: string, body: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const res = await fetch(`${on.url}/h/${token}/hook`, {
    method: "POST",
    body,
    headers: { "content-type": "text/plain" },
  });
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
}

const search = (on: TestServer, key: string, query: string) => listRequests(on.url, key, query);

/** Every page of a search, following nextCursor to the end. */
async function allPages(on: TestServer, key: string, query: string): Promise<RequestPage[]> {
  const pages: RequestPage[] = [];
  let cursor: string | null = null;
  do {
    const page: RequestPage = await search(on, key, `${query}${cursor ? `&cursor=${cursor}` : ""}`);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

const ids = async (on: TestServer, key: string, q: string) =>
  (await allPages(on, key, `?q=${encodeURIComponent(q)}`)).flatMap((p) => p.requests.map((r) => r.id));

describe("what q matches", () => {
  it("takes % and _ as the characters themselves, wherever they are", async () => {
    const { token, key } = await createBin(server.url);
    const inPath = await captureRaw(server, token, "/a_b", []);
    const inQuery = await captureRaw(server, token, "/x?discount=100%", []);
    const inHeader = await captureRaw(server, token, "/y", [["X-Rate", "5%"]]);
    const inBody = await captureRaw(server, token, "/z", [], "snake_case");
    await captureRaw(server, token, "/plain?a=1", [["X-Plain", "value"]], "nothing special");

    expect(await ids(server, key, "_")).toEqual([inBody, inPath]);
    expect(await ids(server, key, "%")).toEqual([inHeader, inQuery]);
    expect(await ids(server, key, "0%")).toEqual([inQuery]);
    expect(await ids(server, key, "a_b")).toEqual([inPath]);
    expect(await ids(server, key, "a%b")).toEqual([]);
  });

  // PostgreSQL's text cannot hold a NUL character: there such a body is stored as bytes, exactly,
  // and is not searched (lib/storage/contract.test.ts, nulInText).
  it.skipIf(ON_POSTGRES)("finds text that follows a NUL character in a body", async () => {
    const { token, key } = await createBin(server.url);
    const id = await capture(server, token, "before\u0000after the nul");
    expect(await ids(server, key, "after the nul")).toEqual([id]);
  });

  it("matches header values and never header names", async () => {
    const { token, key } = await createBin(server.url);
    const id = await captureRaw(server, token, "/", [["X-Hidden-Name", "Visible-Value"]]);
    expect(await ids(server, key, "hidden-name")).toEqual([]);
    expect(await ids(server, key, "X-Hidden")).toEqual([]);
    expect(await ids(server, key, "visible-value")).toEqual([id]);
  });

  it("ignores ASCII case in path, query, header values and body", async () => {
    const { token, key } = await createBin(server.url);
    const id = await captureRaw(server, token, "/Orders?Status=PAID", [["X-Event", "Invoice.Paid"]], "Ada LOVELACE");
    for (const q of ["orders", "status=paid", "INVOICE.PAID", "ada lovelace"]) {
      expect(await ids(server, key, q), q).toEqual([id]);
    }
  });
});

describe("paging a search", () => {
  it("finds every match once, newest first, across pages cut by the limit and by the bound", async () => {
    const { token, key } = await createBin(small.url);
    const matching: string[] = [];
    for (let i = 0; i < 30; i++) {
      const id = await capture(small, token, `${i % 3 === 0 ? "needle " : ""}${"x".repeat(SMALL_BODY - 7)}`);
      if (i % 3 === 0) matching.unshift(id);
    }
    for (const limit of [1, 2, 50]) {
      const pages = await allPages(small, key, `?q=NEEDLE&limit=${limit}`);
      expect(pages.flatMap((p) => p.requests.map((r) => r.id))).toEqual(matching);
      expect(pages.every((p) => p.requests.length <= limit)).toBe(true);
    }
  });
});

describe("deletions", () => {
  it("leave no stale hits after a delete, a clear or the bin's deletion", async () => {
    const { token, key } = await createBin(server.url);
    const first = await capture(server, token, "stale-check one");
    const second = await capture(server, token, "stale-check two");
    expect(await ids(server, key, "stale-check")).toEqual([second, first]);

    await fetch(`${server.url}/api/bins/${key}/requests/${second}`, { method: "DELETE" });
    expect(await ids(server, key, "stale-check")).toEqual([first]);

    await fetch(`${server.url}/api/bins/${key}/requests`, { method: "DELETE" });
    expect(await ids(server, key, "stale-check")).toEqual([]);

    await capture(server, token, "stale-check three");
    expect((await fetch(`${server.url}/api/bins/${key}`, { method: "DELETE" })).status).toBe(204);
    const gone = await api<{ error: { code: string } }>(server.url, `/api/bins/${key}/requests?q=stale-check`);
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe("bin_not_found");
  });
});

describe("the bound on one search request", () => {
  it("answers a one- or two-character query after SEARCH_SCAN_MAX_BYTES, with a cursor below the rows it read", async () => {
    const { token, key } = await createBin(small.url);
    const total = 10;
    for (let i = 0; i < total; i++) await capture(small, token, "x".repeat(SMALL_BODY));
    for (const q of ["_", "%", "zz", "absent-from-all"]) {
      const pages = await allPages(small, key, `?q=${encodeURIComponent(q)}`);
      // Each request reads ROWS_PER_REQUEST rows, so the 10 rows take 3 requests: 4, 4 and 2.
      expect(pages.length, q).toBe(Math.ceil(total / ROWS_PER_REQUEST));
      expect(pages.every((p) => p.requests.length === 0)).toBe(true);
    }
  });

  it("reads a bin of 200 bodies of 1 MiB a few bodies per request, for a string found in none", async () => {
    const { token, key } = await createBin(server.url);
    const body = new Uint8Array(Buffer.alloc(MAX_TEXT_BYTES, "lorem ipsum dolor sit amet "));
    const total = 200;
    for (let i = 0; i < total; i++) await capture(server, token, body);
    const perRequest = Math.floor(loadEnv({}).SEARCH_SCAN_MAX_BYTES / examineCost(MAX_TEXT_BYTES));

    const first = await search(server, key, "?q=found-in-none");
    expect(first.requests).toEqual([]);
    expect(first.nextCursor).not.toBeNull();
    const pages = await allPages(server, key, "?q=found-in-none");
    expect(pages.length).toBe(Math.ceil(total / perRequest));

    // A one-character query that every body contains answers with the rows it could examine.
    const page = await search(server, key, "?q=m");
    expect(page.requests.map((r) => r.seq)).toEqual(Array.from({ length: perRequest }, (_, i) => total - i));
    expect(page.nextCursor).not.toBeNull();
  });
});
