// What a sender sends is what the API returns: methods, bytes, headers, targets, addresses.
import http from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import { buildRequest, createBin, getBody, getRecord, listRequests, rawRequest, sha256 } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";

let server: TestServer;
let bin: BinJson;

beforeAll(async () => {
  server = await startServer();
  bin = await createBin(server.url);
});
afterAll(async () => {
  await server?.stop();
  cleanupServers();
});

const capturePath = (suffix = "") => `/h/${bin.token}${suffix}`;

/** Sends with node:http and returns the id from X-Hookscope-Request-Id. */
function send(
  method: string,
  path: string,
  body?: Buffer | string,
  headers: http.OutgoingHttpHeaders = {},
): Promise<{ status: number; id: string }> {
  return new Promise((resolve, reject) => {
    const length = body === undefined ? {} : { "content-length": Buffer.byteLength(body) };
    const req = http.request(`${server.url}${path}`, { method, headers: { ...length, ...headers } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, id: String(res.headers["x-hookscope-request-id"]) }));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe("methods", () => {
  // node:http's client turns CONNECT into a tunnel; it is sent raw in its own test below.
  const methods = http.METHODS.filter((m) => m !== "CONNECT");

  it("captures every method Node's parser accepts, including WebDAV and QUERY", async () => {
    expect(methods).toEqual(expect.arrayContaining(["PROPFIND", "PURGE", "QUERY", "MKCOL", "SEARCH"]));
    for (const method of methods) {
      const res = await send(method, capturePath(`/m/${method}`), method === "HEAD" ? undefined : `body of ${method}`);
      expect(res.status, method).toBe(200);
      const record = await getRecord(server.url, bin.key, res.id);
      expect(record.method).toBe(method);
      expect(record.path).toBe(`/m/${method}`);
      if (method !== "HEAD") expect(record.bodyText).toBe(`body of ${method}`);
    }
  });

  it("captures CONNECT to a capture URL and answers it before closing the connection", async () => {
    const target = capturePath("/tunnel?x=1");
    const res = await rawRequest(
      server.port,
      buildRequest("CONNECT", target, [
        ["Host", "h"],
        ["X-Via", "proxy"],
      ]),
    );
    expect(res.status).toBe(200);
    const record = await getRecord(server.url, bin.key, res.header("x-hookscope-request-id") as string);
    expect(record).toMatchObject({ method: "CONNECT", url: target, path: "/tunnel", query: "x=1", bodySize: 0 });
    expect(record.headers).toEqual([
      ["Host", "h"],
      ["X-Via", "proxy"],
    ]);

    const proxy = await rawRequest(
      server.port,
      buildRequest("CONNECT", "example.com:443", [["Host", "example.com:443"]]),
    );
    expect(proxy.status).toBe(400);
    expect(JSON.parse(proxy.body).error.code).toBe("bad_request");
  });

  it("survives a CONNECT whose client resets the connection, or sends more after the head", async () => {
    const net = await import("node:net");
    for (const late of [false, true]) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(server.port, "127.0.0.1", () => {
          socket.write(`CONNECT ${capturePath("/reset")} HTTP/1.1\r\nHost: h\r\n\r\n`);
          if (late) setTimeout(() => socket.write("more bytes after the head"), 5);
          setTimeout(() => {
            socket.resetAndDestroy();
            resolve();
          }, 20);
        });
        socket.on("error", () => {});
      });
    }
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const again = await rawRequest(server.port, buildRequest("CONNECT", capturePath("/after-reset"), [["Host", "h"]]));
    expect(again.status).toBe(200);
  });

  it("keeps a GET request's body", async () => {
    const res = await send("GET", capturePath(), "a body on a GET", { "content-type": "text/plain" });
    const record = await getRecord(server.url, bin.key, res.id);
    expect(record.method).toBe("GET");
    expect(record.bodyText).toBe("a body on a GET");
    expect(record.bodySize).toBe(15);
  });

  it("answers a method the parser rejects with a JSON 400 and stores nothing", async () => {
    const before = (await listRequests(server.url, bin.key, "?limit=100")).requests.length;
    const res = await rawRequest(server.port, buildRequest("FOO", capturePath(), [["Host", "x"]]));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe("unsupported_method");
    // The log line travels through a pipe; give it a moment.
    for (let i = 0; i < 50 && !server.logs().includes('method "FOO"'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(server.logs()).toContain('method "FOO"');
    expect((await listRequests(server.url, bin.key, "?limit=100")).requests.length).toBe(before);
  });
});

describe("bodies", () => {
  it("stores a binary body byte for byte", async () => {
    const bytes = Buffer.alloc(256 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + (i >> 8)) & 0xff;
    const res = await send("POST", capturePath(), bytes, { "content-type": "application/octet-stream" });
    const record = await getRecord(server.url, bin.key, res.id);
    expect(record.bodySize).toBe(bytes.length);
    expect(record.bodyText).toBeNull();
    expect(sha256(await getBody(server.url, bin.key, res.id))).toBe(sha256(bytes));
  });

  it("leaves a gzip-encoded body compressed, exactly as sent", async () => {
    const json = JSON.stringify({ event: "push", commits: Array.from({ length: 50 }, (_, i) => ({ id: i })) });
    const gz = gzipSync(json);
    const res = await send("POST", capturePath(), gz, {
      "content-type": "application/json",
      "content-encoding": "gzip",
    });
    const record = await getRecord(server.url, bin.key, res.id);
    expect(record.headers).toContainEqual(["content-encoding", "gzip"]);
    expect(record.bodySize).toBe(gz.length);
    expect(sha256(await getBody(server.url, bin.key, res.id))).toBe(sha256(gz));
  });

  it("reassembles a chunked body and records the framing headers as sent", async () => {
    const wire = Buffer.concat([
      Buffer.from(
        `POST ${capturePath("/chunked")} HTTP/1.1\r\nHost: example\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n`,
      ),
      Buffer.from("5\r\nhello\r\n1\r\n \r\n6\r\nworld!\r\n0\r\n\r\n"),
    ]);
    const res = await rawRequest(server.port, wire);
    expect(res.status).toBe(200);
    const record = await getRecord(server.url, bin.key, res.header("x-hookscope-request-id") as string);
    expect(record.bodyText).toBe("hello world!");
    expect(record.headers).toContainEqual(["Transfer-Encoding", "chunked"]);
  });

  it("keeps invalid UTF-8 as bytes and reports no bodyText", async () => {
    const bytes = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]);
    const res = await send("POST", capturePath(), bytes, { "content-type": "application/json" });
    const record = await getRecord(server.url, bin.key, res.id);
    expect(record.bodyText).toBeNull();
    expect(Buffer.compare(await getBody(server.url, bin.key, res.id), bytes)).toBe(0);
  });

  it("stores an empty body as empty", async () => {
    const res = await send("DELETE", capturePath("/empty"));
    const record = await getRecord(server.url, bin.key, res.id);
    expect(record.bodySize).toBe(0);
    expect(record.bodyText).toBe("");
    expect((await getBody(server.url, bin.key, res.id)).length).toBe(0);
  });

  it("stores a multipart body unparsed, boundary and file bytes intact", async () => {
    const form = new FormData();
    form.append("field", "value");
    form.append("file", new Blob([new Uint8Array([0, 1, 2, 255])], { type: "application/octet-stream" }), "x.bin");
    const req = new Request("http://x", { method: "POST", body: form });
    const bytes = Buffer.from(await req.arrayBuffer());
    const contentType = req.headers.get("content-type") as string;
    const res = await send("POST", capturePath("/upload"), bytes, { "content-type": contentType });
    const record = await getRecord(server.url, bin.key, res.id);
    expect(record.contentType).toBe(contentType);
    expect(sha256(await getBody(server.url, bin.key, res.id))).toBe(sha256(bytes));
  });
});

describe("headers and targets", () => {
  it("keeps headers in arrival order with original case and duplicates", async () => {
    const headers: [string, string][] = [
      ["Host", "hooks.example"],
      ["X-Trace", "first"],
      ["content-type", "application/json"],
      ["x-trace", "second"],
      ["X-TRACE", "third"],
      ["Set-Cookie", "a=1"],
      ["Set-Cookie", "b=2"],
      ["Content-Length", "2"],
    ];
    const res = await rawRequest(server.port, buildRequest("POST", capturePath(), headers, "{}"));
    const record = await getRecord(server.url, bin.key, res.header("x-hookscope-request-id") as string);
    expect(record.headers).toEqual(headers);
    expect(record.contentType).toBe("application/json");
  });

  it("keeps every one of 1,500 header lines, so none can be hidden from the inspector", async () => {
    const headers: [string, string][] = [["Host", "hooks.example"]];
    for (let i = 0; i < 1500; i++) headers.push([`X-H${i}`, String(i)]);
    headers.push(["X-Hidden", "after the first thousand"], ["Content-Length", "0"]);
    const res = await rawRequest(server.port, buildRequest("POST", capturePath("/many"), headers));
    expect(res.status).toBe(200);
    const record = await getRecord(server.url, bin.key, res.header("x-hookscope-request-id") as string);
    expect(record.headers).toHaveLength(headers.length);
    expect(record.headers).toEqual(headers);
  });

  it("keeps the raw request-target, sub-path and query with repeated keys and escapes", async () => {
    const target = capturePath("/stripe/events%2F1/x;y?a=1&a=2&b=%20x+y&c=%E2%9C%93&empty=&flag");
    const res = await rawRequest(
      server.port,
      buildRequest("POST", target, [
        ["Host", "h"],
        ["Content-Length", "0"],
      ]),
    );
    const record = await getRecord(server.url, bin.key, res.header("x-hookscope-request-id") as string);
    expect(record.url).toBe(target);
    expect(record.path).toBe("/stripe/events%2F1/x;y");
    expect(record.query).toBe("a=1&a=2&b=%20x+y&c=%E2%9C%93&empty=&flag");
  });

  it('records path "/" and query "" for the bare capture URL, and HTTP/1.0', async () => {
    const res = await rawRequest(server.port, `GET ${capturePath()} HTTP/1.0\r\nHost: h\r\n\r\n`);
    const record = await getRecord(server.url, bin.key, res.header("x-hookscope-request-id") as string);
    expect(record.path).toBe("/");
    expect(record.query).toBe("");
    expect(record.httpVersion).toBe("1.0");
  });

  it("takes the client IP from the socket and ignores X-Forwarded-For by default", async () => {
    const res = await rawRequest(
      server.port,
      buildRequest("POST", capturePath(), [
        ["Host", "h"],
        ["X-Forwarded-For", "203.0.113.9"],
        ["Content-Length", "0"],
      ]),
    );
    const record = await getRecord(server.url, bin.key, res.header("x-hookscope-request-id") as string);
    expect(record.ip).toBe("127.0.0.1");
  });

  it("lists summaries with the contract's fields", async () => {
    const page = await listRequests(server.url, bin.key, "?limit=1");
    expect(Object.keys(page.requests[0] ?? {}).sort()).toEqual(
      [
        "bodySize",
        "contentType",
        "id",
        "ip",
        "method",
        "path",
        "query",
        "receivedAt",
        "seq",
        "deliveryKey",
        "attempt",
        "answer",
      ].sort(),
    );
    expect(page.requests[0]?.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});

describe("behind a trusted proxy", () => {
  it("uses the rightmost X-Forwarded-For entry when TRUST_PROXY=true", async () => {
    const proxied = await startServer({ env: { TRUST_PROXY: "true" } });
    try {
      const b = await createBin(proxied.url);
      const res = await rawRequest(
        proxied.port,
        buildRequest("POST", `/h/${b.token}`, [
          ["Host", "h"],
          ["X-Forwarded-For", "198.51.100.1, 203.0.113.7"],
          ["Content-Length", "0"],
        ]),
      );
      const record = await getRecord(proxied.url, b.key, res.header("x-hookscope-request-id") as string);
      expect(record.ip).toBe("203.0.113.7");
    } finally {
      await proxied.stop();
    }
  });
});
