// The JSON API of bins and captured requests, as a script or the UI uses it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { RequestSummary } from "../lib/requests/types.ts";
import { api, buildRequest, createBin, getRecord, listRequests, rawRequest } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  cleanupServers();
});

async function capture(
  token: string,
  method: string,
  path: string,
  body?: string,
  contentType = "text/plain",
): Promise<string> {
  const res = await fetch(`${server.url}/h/${token}${path}`, {
    method,
    body,
    headers: body === undefined ? {} : { "content-type": contentType },
  });
  expect(res.ok).toBe(true);
  return res.headers.get("x-hookscope-request-id") as string;
}

describe("health", () => {
  it("answers ok", async () => {
    const res = await api(server.url, "/api/health");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
  });

  it("points browsers' /favicon.ico at the app's icon", async () => {
    const res = await fetch(`${server.url}/favicon.ico`, { redirect: "manual" });
    expect(res.status).toBe(308);
    expect(res.headers.get("location")).toBe("/icon.svg");
    const icon = await fetch(new URL("/icon.svg", server.url));
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toContain("image/svg+xml");
  });
});

describe("bins", () => {
  it("creates a bin with the contract's fields, an unguessable token and an independent unguessable key", async () => {
    const res = await api<BinJson>(server.url, "/api/bins", { method: "POST", body: "{}" });
    expect(res.status).toBe(201);
    const bin = res.json;
    expect(bin.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(bin.key).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(bin.key).not.toBe(bin.token);
    expect(bin.captureUrl).toBe(`${server.url.replace("127.0.0.1", "127.0.0.1")}/h/${bin.token}`);
    expect(bin.inspectUrl).toBe(`${server.url}/b/${bin.key}`);
    expect(bin).toMatchObject({ name: null, lastRequestAt: null, requestCount: 0, forwardUrl: null });
    expect(bin.response).toEqual({ status: 200, headers: [], body: null, delayMs: 0, cors: true });
    const other = await createBin(server.url);
    expect(other.token).not.toBe(bin.token);
    expect(other.key).not.toBe(bin.key);
  });

  it("creates a bin from an empty body, with a name, and rejects bad input with 400", async () => {
    const empty = await api<BinJson>(server.url, "/api/bins", { method: "POST" });
    expect(empty.status).toBe(201);
    const named = await createBin(server.url, { name: "stripe staging" });
    expect(named.name).toBe("stripe staging");
    for (const body of ["{not json", '{"name":5}', '{"unknown":true}', '{"response":{"status":42}}', "[]"]) {
      const res = await api<{ error: { code: string; message: string } }>(server.url, "/api/bins", {
        method: "POST",
        body,
      });
      expect(res.status, body).toBe(400);
      expect(res.json.error.code).toMatch(/^(invalid_json|validation_failed)$/);
      expect(res.json.error.message.length).toBeGreaterThan(10);
    }
  });

  it("gets, updates and deletes a bin", async () => {
    const bin = await createBin(server.url);
    const got = await api<BinJson>(server.url, `/api/bins/${bin.key}`);
    expect(got.json).toEqual(bin);

    const patched = await api<BinJson>(server.url, `/api/bins/${bin.key}`, {
      method: "PATCH",
      body: JSON.stringify({
        name: "github",
        response: { status: 202, body: "accepted" },
        forwardUrl: "http://localhost:4000/hook",
      }),
    });
    expect(patched.status).toBe(200);
    expect(patched.json.name).toBe("github");
    expect(patched.json.forwardUrl).toBe("http://localhost:4000/hook");
    expect(patched.json.response).toEqual({ status: 202, headers: [], body: "accepted", delayMs: 0, cors: true });

    const unchanged = await api<BinJson>(server.url, `/api/bins/${bin.key}`, { method: "PATCH", body: "{}" });
    expect(unchanged.status).toBe(200);
    expect(unchanged.json).toEqual(patched.json);

    const cleared = await api<BinJson>(server.url, `/api/bins/${bin.key}`, {
      method: "PATCH",
      body: '{"forwardUrl":null}',
    });
    expect(cleared.json.forwardUrl).toBeNull();
    expect(cleared.json.name).toBe("github");

    await capture(bin.token, "POST", "/", "x");
    const del = await fetch(`${server.url}/api/bins/${bin.key}`, { method: "DELETE" });
    expect(del.status).toBe(204);
    expect((await api(server.url, `/api/bins/${bin.key}`)).status).toBe(404);
    const afterDelete = await fetch(`${server.url}/h/${bin.token}`, { method: "POST", body: "x" });
    expect(afterDelete.status).toBe(404);
  });

  it("answers unknown and malformed keys with a JSON 404", async () => {
    for (const key of ["unknownkeyunknownkeyunkn", "a", "..%2F..%2Fetc", "x".repeat(300)]) {
      const res = await api<{ error: { code: string } }>(server.url, `/api/bins/${key}`);
      expect(res.status, key).toBe(404);
      expect(res.json.error.code).toBe("bin_not_found");
    }
    const patch = await api(server.url, "/api/bins/unknownkeyunknownkeyunkn", { method: "PATCH", body: "{}" });
    expect(patch.status).toBe(404);
    const del = await api(server.url, "/api/bins/unknownkeyunknownkeyunkn", { method: "DELETE" });
    expect(del.status).toBe(404);
  });

  it("answers methods a route does not serve with a JSON 405", async () => {
    const bin = await createBin(server.url);
    for (const [method, path] of [
      ["DELETE", "/api/bins"],
      ["PUT", `/api/bins/${bin.key}`],
      ["POST", "/api/health"],
    ]) {
      const res = await api<{ error: { code: string } }>(server.url, path as string, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.json.error.code).toBe("method_not_allowed");
      expect(res.headers.get("allow")).toBeTruthy();
    }
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const res = await api<{ error: { code: string } }>(server.url, "/api/nope/nothing");
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("not_found");
  });

  it("applies the configured response to captures", async () => {
    const bin = await createBin(server.url, {
      response: {
        status: 201,
        headers: [
          ["X-Reply", "1"],
          ["X-Reply", "2"],
          ["Content-Type", "text/xml"],
        ],
        body: "<ok/>",
        cors: false,
      },
    });
    const res = await fetch(`${server.url}/h/${bin.token}`, { method: "POST", body: "x" });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-reply")).toBe("1, 2");
    expect(res.headers.get("content-type")).toBe("text/xml");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("x-hookscope-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.text()).toBe("<ok/>");
  });

  it("sandboxes every capture answer so a configured HTML body cannot run on this origin", async () => {
    const bin = await createBin(server.url, {
      response: { headers: [["Content-Type", "text/html"]], body: "<script>alert(document.domain)</script>" },
    });
    const res = await fetch(`${server.url}/h/${bin.token}`);
    expect(res.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    for (const name of ["Content-Security-Policy", "X-Content-Type-Options", "Set-Cookie"]) {
      const refused = await api(server.url, "/api/bins", {
        method: "POST",
        body: JSON.stringify({ response: { headers: [[name, "x"]] } }),
      });
      expect(refused.status, name).toBe(400);
    }
  });

  it("answers a configured 204 without a body or Content-Length", async () => {
    const bin = await createBin(server.url, { response: { status: 204 } });
    const res = await rawRequest(
      server.port,
      buildRequest(
        "POST",
        `/h/${bin.token}`,
        [
          ["Host", "x"],
          ["Content-Length", "1"],
        ],
        "x",
      ),
    );
    expect(res.status).toBe(204);
    expect(res.header("content-length")).toBeUndefined();
    expect(res.header("x-hookscope-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers CORS preflights when cors is on, and records them", async () => {
    const bin = await createBin(server.url);
    const res = await fetch(`${server.url}/h/${bin.token}/cors`, {
      method: "OPTIONS",
      headers: {
        Origin: "https://app.example",
        "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "x-custom",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toBe("PUT");
    expect(res.headers.get("access-control-allow-headers")).toBe("x-custom");
    const page = await listRequests(server.url, bin.key);
    expect(page.requests[0]).toMatchObject({ method: "OPTIONS", path: "/cors" });

    const normal = await fetch(`${server.url}/h/${bin.token}`, {
      method: "POST",
      body: "x",
      headers: { Origin: "https://app.example" },
    });
    expect(normal.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("captured requests", () => {
  it("lists newest first across pages with an opaque cursor", async () => {
    const bin = await createBin(server.url);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await capture(bin.token, "POST", `/n/${i}`, `body ${i}`));
    const seen: RequestSummary[] = [];
    let cursor: string | null = "";
    let pages = 0;
    while (cursor !== null) {
      const page = await listRequests(
        server.url,
        bin.key,
        `?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      seen.push(...page.requests);
      cursor = page.nextCursor;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen.map((r) => r.id)).toEqual([...ids].reverse());
    expect(seen.map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => 12 - i));
    const full = await api<BinJson>(server.url, `/api/bins/${bin.key}`);
    expect(full.json.requestCount).toBe(12);
    expect(full.json.lastRequestAt).not.toBeNull();
  });

  it("filters by method and by text in path, query, header values and body", async () => {
    const bin = await createBin(server.url);
    const a = await capture(
      bin.token,
      "POST",
      "/orders?status=paid",
      '{"customer":"Ada Lovelace"}',
      "application/json",
    );
    const b = await capture(bin.token, "PUT", "/invoices", "plain text with NEEDLE inside");
    const c = await capture(bin.token, "GET", "/health");
    const d = await fetch(`${server.url}/h/${bin.token}/hdr`, {
      method: "PATCH",
      headers: { "X-Signature": 'sha256="quoted\\value"' },
    });
    const dId = d.headers.get("x-hookscope-request-id");

    const ids = async (query: string) => (await listRequests(server.url, bin.key, query)).requests.map((r) => r.id);
    expect(await ids("?method=POST")).toEqual([a]);
    expect(await ids("?method=put")).toEqual([b]);
    expect(await ids("?method=GET,POST")).toEqual([c, a]);
    expect(await ids("?q=needle")).toEqual([b]);
    expect(await ids("?q=ada%20LOVELACE")).toEqual([a]);
    expect(await ids("?q=status%3Dpaid")).toEqual([a]);
    expect(await ids("?q=%2Fhealth")).toEqual([c]);
    expect(await ids(`?q=${encodeURIComponent('"quoted\\value"')}`)).toEqual([dId]);
    expect(await ids("?q=100%25")).toEqual([]);
    // % and _ are plain characters, and header names are not searched, only their values.
    expect(await ids("?q=%25")).toEqual([]);
    expect(await ids("?q=_")).toEqual([]);
    expect(await ids("?q=x-signature")).toEqual([]);
    expect(await ids("?q=sha256%3D")).toEqual([dId]);
    expect(await ids("?q=needle&method=POST")).toEqual([]);
  });

  it("rejects bad list parameters with 400", async () => {
    const bin = await createBin(server.url);
    for (const query of [
      "?limit=0",
      "?limit=101",
      "?limit=-1",
      "?limit=abc",
      "?limit=1e2",
      "?cursor=garbage!",
      "?cursor=czEuYWJj",
      "?method=G%20T",
    ]) {
      const res = await api<{ error: { code: string } }>(server.url, `/api/bins/${bin.key}/requests${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json.error.code).toMatch(/^(invalid_limit|invalid_cursor|validation_failed)$/);
    }
  });

  it("serves the body as a download that a browser will not render", async () => {
    const bin = await createBin(server.url);
    const id = await capture(bin.token, "POST", "/", "<script>alert(1)</script>", "text/html");
    const res = await fetch(`${server.url}/api/bins/${bin.key}/requests/${id}/body`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[^"]+"$/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toBe("<script>alert(1)</script>");
  });

  it("deletes one request and clears a bin, without reusing seqs", async () => {
    const bin = await createBin(server.url);
    const first = await capture(bin.token, "POST", "/", "1");
    const second = await capture(bin.token, "POST", "/", "2");
    const del = await fetch(`${server.url}/api/bins/${bin.key}/requests/${first}`, { method: "DELETE" });
    expect(del.status).toBe(204);
    expect((await api(server.url, `/api/bins/${bin.key}/requests/${first}`)).status).toBe(404);
    expect((await listRequests(server.url, bin.key)).requests.map((r) => r.id)).toEqual([second]);
    expect((await api<BinJson>(server.url, `/api/bins/${bin.key}`)).json.requestCount).toBe(1);
    expect((await api(server.url, `/api/bins/${bin.key}/requests/${first}`, { method: "DELETE" })).status).toBe(404);

    const clear = await fetch(`${server.url}/api/bins/${bin.key}/requests`, { method: "DELETE" });
    expect(clear.status).toBe(204);
    expect((await listRequests(server.url, bin.key)).requests).toEqual([]);
    expect((await api<BinJson>(server.url, `/api/bins/${bin.key}`)).json.requestCount).toBe(0);

    const third = await capture(bin.token, "POST", "/", "3");
    expect((await getRecord(server.url, bin.key, third)).seq).toBe(3);
  });

  it("answers unknown and malformed request ids with 404", async () => {
    const bin = await createBin(server.url);
    for (const id of ["01a21503-ca76-79a7-8497-918383b50c1a", "not-an-id", "...", "%00", "%2e%2e%2f%2e%2e%2fetc"]) {
      const res = await api<{ error: { code: string } }>(server.url, `/api/bins/${bin.key}/requests/${id}`);
      expect(res.status, id).toBe(404);
      expect(res.json.error.code).toBe("request_not_found");
      expect((await api(server.url, `/api/bins/${bin.key}/requests/${id}/body`)).status).toBe(404);
    }
  });

  it("does not show one bin's request through another bin's key", async () => {
    const a = await createBin(server.url);
    const b = await createBin(server.url);
    const id = await capture(a.token, "POST", "/", "secret");
    expect((await api(server.url, `/api/bins/${b.key}/requests/${id}`)).status).toBe(404);
    expect((await api(server.url, `/api/bins/${b.key}/requests/${id}`, { method: "DELETE" })).status).toBe(404);
    expect((await getRecord(server.url, a.key, id)).bodyText).toBe("secret");
  });
});
