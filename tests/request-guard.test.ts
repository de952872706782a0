// What reaches the app at all: the Host it is asked for (DNS rebinding), where a browser call to
// the API comes from, what an API body may be (type and size), which forwarded headers are
// believed, and how fast bins may be created. Each case is an attack the server must refuse
// without changing anything.
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import { api, createBin, listRequests } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with exactly these headers (Host included), which fetch would not send. */
function send(
  server: TestServer,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: server.port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const errorCode = (answer: Answer) => (JSON.parse(answer.body) as { error: { code: string } }).error.code;

describe("host names (DNS rebinding)", () => {
  let server: TestServer;
  let bin: BinJson;
  beforeAll(async () => {
    server = await startServer();
    bin = await createBin(server.url);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses the API and pages to a host name it does not know, and changes nothing", async () => {
    const host = { host: `rebound.attacker.example:${server.port}` };
    const create = await send(server, "POST", "/api/bins", { ...host, "content-type": "application/json" }, "{}");
    expect(create.status).toBe(421);
    expect(errorCode(create)).toBe("unknown_host");
    const patch = await send(
      server,
      "PATCH",
      `/api/bins/${bin.key}`,
      { ...host, "content-type": "application/json" },
      '{"name":"taken"}',
    );
    expect(patch.status).toBe(421);
    expect((await send(server, "GET", `/b/${bin.key}`, host)).status).toBe(421);
    expect((await send(server, "GET", `/api/bins/${bin.key}/stream`, host)).status).toBe(421);
    expect((await api<BinJson>(server.url, `/api/bins/${bin.key}`)).json.name).toBeNull();
  });

  it("answers the names of its bind address, and health checks and captures under any name", async () => {
    for (const name of ["127.0.0.1", "localhost", "LOCALHOST.", "[::1]"]) {
      expect((await send(server, "GET", `/api/bins/${bin.key}`, { host: `${name}:${server.port}` })).status).toBe(200);
    }
    expect((await send(server, "GET", "/api/health", { host: "probe.internal" })).status).toBe(200);
    const captured = await send(server, "POST", `/h/${bin.token}/hook`, { host: "tunnel.example.net" }, "x");
    expect(captured.status).toBe(200);
  });

  it("answers the names in ALLOWED_HOSTS and PUBLIC_URL", async () => {
    const named = await startServer({
      env: { ALLOWED_HOSTS: "hooks.internal, other.example", PUBLIC_URL: "https://hooks.example.com" },
    });
    try {
      for (const host of ["hooks.internal", "other.example:8080", "hooks.example.com", "localhost"]) {
        expect((await send(named, "GET", "/", { host })).status, host).toBe(200);
      }
      expect((await send(named, "GET", "/", { host: "evil.example" })).status).toBe(421);
    } finally {
      await named.stop();
    }
  });
});

describe("browser calls from other sites", () => {
  let server: TestServer;
  let bin: BinJson;
  beforeAll(async () => {
    server = await startServer({ env: { ALLOWED_ORIGINS: "https://dash.example.com" } });
    bin = await createBin(server.url);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const own = () => ({ host: `127.0.0.1:${server.port}`, "content-type": "application/json" });

  it("refuses a change from another origin with 403, and nothing changes", async () => {
    const answer = await send(
      server,
      "PATCH",
      `/api/bins/${bin.key}`,
      { ...own(), origin: "https://evil.example" },
      '{"forwardUrl":"https://evil.example/steal"}',
    );
    expect(answer.status).toBe(403);
    expect(errorCode(answer)).toBe("forbidden_origin");
    expect((await api<BinJson>(server.url, `/api/bins/${bin.key}`)).json.forwardUrl).toBeNull();
  });

  it("refuses reads and deletes that fetch metadata marks as cross-site", async () => {
    const read = await send(server, "GET", `/api/bins/${bin.key}/requests`, {
      host: own().host,
      "sec-fetch-site": "cross-site",
    });
    expect(read.status).toBe(403);
    const del = await send(server, "DELETE", `/api/bins/${bin.key}`, { host: own().host, origin: "null" });
    expect(del.status).toBe(403);
    expect((await api(server.url, `/api/bins/${bin.key}`)).status).toBe(200);
  });

  it("lets the app's own pages and scripts without an Origin through", async () => {
    const sameOrigin = await send(
      server,
      "PATCH",
      `/api/bins/${bin.key}`,
      { ...own(), origin: `http://127.0.0.1:${server.port}`, "sec-fetch-site": "same-origin" },
      '{"name":"mine"}',
    );
    expect(sameOrigin.status).toBe(200);
    expect((await send(server, "PATCH", `/api/bins/${bin.key}`, own(), '{"name":"script"}')).status).toBe(200);
  });

  it("lets the app's own pages through behind a proxy that drops the port from Host", async () => {
    const behindProxy = await send(
      server,
      "PATCH",
      `/api/bins/${bin.key}`,
      {
        host: "127.0.0.1",
        "content-type": "application/json",
        origin: `http://127.0.0.1:${server.port}`,
        "sec-fetch-site": "same-origin",
      },
      '{"name":"proxied"}',
    );
    expect(behindProxy.status).toBe(200);
  });

  it("lets an origin in ALLOWED_ORIGINS call the API, with CORS headers and a preflight", async () => {
    const origin = "https://dash.example.com";
    const preflight = await send(server, "OPTIONS", `/api/bins/${bin.key}`, {
      host: own().host,
      origin,
      "access-control-request-method": "PATCH",
      "access-control-request-headers": "content-type",
      "sec-fetch-site": "cross-site",
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe(origin);
    const patch = await send(
      server,
      "PATCH",
      `/api/bins/${bin.key}`,
      { ...own(), origin, "sec-fetch-site": "cross-site" },
      '{"name":"dashboard"}',
    );
    expect(patch.status).toBe(200);
    expect(patch.headers["access-control-allow-origin"]).toBe(origin);
  });
});

describe("API request bodies", () => {
  let server: TestServer;
  let bin: BinJson;
  beforeAll(async () => {
    server = await startServer({ env: { MAX_API_BODY_BYTES: "65536" } });
    bin = await createBin(server.url, { name: "before" });
  });
  afterAll(async () => {
    await server?.stop();
    cleanupServers();
  });

  it("refuses a body that is not declared as JSON (a cross-site form or text/plain post) with 415", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const answer = await send(
        server,
        "PATCH",
        `/api/bins/${bin.key}`,
        { host: `127.0.0.1:${server.port}`, "content-type": type },
        '{"name":"changed"}',
      );
      expect(answer.status, type).toBe(415);
      expect(errorCode(answer)).toBe("unsupported_media_type");
    }
    const created = await send(server, "POST", "/api/bins", { host: `127.0.0.1:${server.port}` }, '{"name":"x"}');
    expect(created.status).toBe(415);
    expect((await api<BinJson>(server.url, `/api/bins/${bin.key}`)).json.name).toBe("before");
  });

  it("still creates a bin from an empty body without a type", async () => {
    expect((await fetch(`${server.url}/api/bins`, { method: "POST" })).status).toBe(201);
  });

  it("refuses a body declared larger than MAX_API_BODY_BYTES with 413 before reading it", async () => {
    const big = JSON.stringify({ name: "x", pad: "a".repeat(70_000) });
    const answer = await api(server.url, `/api/bins/${bin.key}`, { method: "PATCH", body: big });
    expect(answer.status).toBe(413);
    expect((answer.json as { error: { code: string } }).error.code).toBe("body_too_large");
  });

  it("answers 413, not a reset, to a sender that writes a whole oversized chunked body before reading", async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(server.port, "127.0.0.1");
      const body = Buffer.alloc(8 * 1024 * 1024, 97);
      let text = "";
      socket.write(
        `PATCH /api/bins/${bin.key} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      );
      socket.write(
        Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from("\r\n0\r\n\r\n")]),
        () => {
          socket.on("data", (d) => {
            text += d.toString("latin1");
            if (text.includes("\r\n\r\n")) socket.destroy();
          });
        },
      );
      socket.on("close", () => resolve(text));
      socket.on("error", (err: NodeJS.ErrnoException) => resolve(`error ${err.code}`));
    });
    expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 413 Payload Too Large");
  });

  it("stops reading a chunked body at MAX_API_BODY_BYTES and answers 413 while the sender still sends", async () => {
    const answer = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: server.port,
          method: "PATCH",
          path: `/api/bins/${bin.key}`,
          headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
        },
        (res) => {
          res.resume();
          clearInterval(pump);
          req.destroy();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", (err) => {
        if (!pump.hasRef()) return;
        reject(err);
      });
      req.write('{"name":"');
      // An endless body: only an answer sent before it ends can stop this.
      const pump = setInterval(() => req.write("a".repeat(16_384)), 1);
    });
    expect(answer).toBe(413);
    expect((await api<BinJson>(server.url, `/api/bins/${bin.key}`)).json.name).toBe("before");
  });
});

describe("forwarded headers and bin creation", () => {
  it("builds links from the connection, not from a client's X-Forwarded-Proto or -Host, without TRUST_PROXY", async () => {
    const server = await startServer();
    try {
      const answer = await send(
        server,
        "POST",
        "/api/bins",
        {
          host: `127.0.0.1:${server.port}`,
          "x-forwarded-proto": "https",
          "x-forwarded-host": "evil.example",
          forwarded: "proto=https;host=evil.example",
        },
        "",
      );
      expect(answer.status).toBe(201);
      const bin = JSON.parse(answer.body) as BinJson;
      expect(bin.captureUrl.startsWith(`http://127.0.0.1:${server.port}/h/`)).toBe(true);
      expect(bin.inspectUrl.startsWith(`http://127.0.0.1:${server.port}/b/`)).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it("believes them behind a trusted proxy", async () => {
    const server = await startServer({ env: { TRUST_PROXY: "true", ALLOWED_HOSTS: "hooks.example.com" } });
    try {
      const answer = await send(
        server,
        "POST",
        "/api/bins",
        { host: `127.0.0.1:${server.port}`, "x-forwarded-proto": "https", "x-forwarded-host": "hooks.example.com" },
        "",
      );
      expect(answer.status).toBe(201);
      expect((JSON.parse(answer.body) as BinJson).captureUrl.startsWith("https://hooks.example.com/h/")).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it("limits bin creation per client address with 429 and Retry-After", async () => {
    const server = await startServer({ env: { RATE_LIMIT_BIN_CREATION: "3" } });
    try {
      for (let i = 0; i < 3; i++) expect((await fetch(`${server.url}/api/bins`, { method: "POST" })).status).toBe(201);
      const refused = await fetch(`${server.url}/api/bins`, { method: "POST" });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    } finally {
      await server.stop();
    }
  });
});

describe("a capture host of its own (CAPTURE_URL)", () => {
  let server: TestServer;
  let bin: BinJson;
  let port: number;
  beforeAll(async () => {
    const { freePort } = await import("./support/server.ts");
    port = await freePort();
    server = await startServer({
      env: { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, CAPTURE_URL: `http://localhost:${port}` },
    });
    bin = await createBin(server.url, {
      response: { status: 302, headers: [["Location", "https://example.com/next"]] },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("shows capture URLs on the capture host and inspect URLs on the app's", () => {
    expect(bin.captureUrl).toBe(`http://localhost:${port}/h/${bin.token}`);
    expect(bin.inspectUrl).toBe(`http://127.0.0.1:${port}/b/${bin.key}`);
  });

  it("answers captures, redirects included, on the capture host only", async () => {
    const there = await send(server, "POST", `/h/${bin.token}/a`, { host: `localhost:${port}` }, "x");
    expect(there.status).toBe(302);
    expect(there.headers.location).toBe("https://example.com/next");
    const onApp = await send(server, "POST", `/h/${bin.token}/b`, { host: `127.0.0.1:${port}` }, "x");
    expect(onApp.status).toBe(421);
    expect(onApp.headers.location).toBeUndefined();
    expect(errorCode(onApp)).toBe("misdirected_request");
    const stored = await listRequests(server.url, bin.key);
    expect(stored.requests.map((r) => r.path)).toEqual(["/a"]);
  });

  it("serves no page or API on the capture host", async () => {
    for (const path of ["/", `/b/${bin.key}`, `/api/bins/${bin.key}`]) {
      expect((await send(server, "GET", path, { host: `localhost:${port}` })).status, path).toBe(421);
    }
  });
});
