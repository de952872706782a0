import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "../errors.ts";
import { outgoingHeaders } from "./outgoing-headers.mjs";
import { type OutgoingRequest, type SendOptions, sendRequest } from "./send.ts";
import type { ResolveAll } from "./target-safety.ts";
import { parseTargetUrl } from "./target-url.ts";

// Every TCP connect this process starts, counted at the socket handle, to prove that refused
// targets are refused before any connection is attempted.
const { TCP } = (
  process as unknown as { binding(name: string): { TCP: { prototype: Record<string, unknown> } } }
).binding("tcp_wrap");
let tcpConnects = 0;
for (const method of ["connect", "connect6"]) {
  const original = TCP.prototype[method] as (...args: unknown[]) => unknown;
  TCP.prototype[method] = function (this: unknown, ...args: unknown[]) {
    tcpConnects++;
    return original.apply(this, args);
  };
}

interface Seen {
  raw: string;
  body: Buffer;
}

let target: http.Server;
let targetPort: number;
const seen: Seen[] = [];
let connections = 0;
const hanging = new Set<http.ServerResponse>();

beforeAll(async () => {
  target = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = `${req.method} ${req.url}\n${req.rawHeaders.join("\n")}`;
      seen.push({ raw, body: Buffer.concat(chunks) });
      if (req.url === "/hang") {
        hanging.add(res);
        return;
      }
      if (req.url === "/big") {
        res.writeHead(200, { "Content-Type": "application/octet-stream" });
        res.end(Buffer.alloc(10_000, 0xab));
        return;
      }
      res.writeHead(201, ["X-Answer", "1", "x-answer", "2"]);
      res.end("created");
    });
  });
  target.on("connection", () => connections++);
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  targetPort = (target.address() as AddressInfo).port;
});
afterEach(() => {
  for (const res of hanging) res.destroy();
  hanging.clear();
});
afterAll(() => new Promise<void>((resolve) => target.close(() => resolve())));

const options = (extra: Partial<SendOptions> = {}): SendOptions => ({
  timeoutMs: 5_000,
  maxResponseBytes: 1024,
  allowPrivate: true,
  ...extra,
});

function request(
  url: string,
  method = "POST",
  pairs: [string, string][] = [],
  body = Buffer.alloc(0),
): OutgoingRequest {
  const parsed = parseTargetUrl(url);
  return {
    target: parsed,
    method,
    headers: outgoingHeaders(pairs, { host: parsed.host, method, bodyLength: body.length }),
    body,
  };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiError) return err.code;
    throw err;
  }
  return "sent";
}

describe("sendRequest", () => {
  it("sends method, path, headers and body exactly and returns the answer", async () => {
    const body = Buffer.from([0, 1, 2, 255, 10]);
    const connectsBefore = tcpConnects;
    const result = await sendRequest(
      request(
        `http://127.0.0.1:${targetPort}/a/../b?x=%20`,
        "PATCH",
        [
          ["x-Dup", "1"],
          ["X-DUP", "2"],
          ["Content-Type", "application/octet-stream"],
        ],
        body,
      ),
      options(),
    );
    expect(result).toMatchObject({
      ok: true,
      status: 201,
      headers: expect.arrayContaining([
        ["X-Answer", "1"],
        ["x-answer", "2"],
      ]),
      truncated: false,
    });
    expect(result.ok && result.body.toString()).toBe("created");
    const last = seen.at(-1) as Seen;
    expect(last.raw).toBe(
      `PATCH /a/../b?x=%20\nHost\n127.0.0.1:${targetPort}\nx-Dup\n1\nX-DUP\n2\nContent-Type\napplication/octet-stream\nContent-Length\n5\nX-Hookscope-Hop\n1\nConnection\nclose`,
    );
    expect(last.body).toEqual(body);
    expect(tcpConnects).toBe(connectsBefore + 1);
  });

  it("cuts a long answer at maxResponseBytes", async () => {
    const result = await sendRequest(request(`http://127.0.0.1:${targetPort}/big`, "GET"), options());
    expect(result).toMatchObject({ ok: true, status: 200, truncated: true });
    expect(result.ok && result.body.length).toBe(1024);
  });

  it("cuts off a target that does not answer within the deadline", async () => {
    const started = Date.now();
    const result = await sendRequest(request(`http://127.0.0.1:${targetPort}/hang`), options({ timeoutMs: 300 }));
    expect(result).toMatchObject({ ok: false, error: { code: "target_timeout" } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("reports a closed port as unreachable", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await sendRequest(request(`http://127.0.0.1:${port}/`), options());
    expect(result).toMatchObject({ ok: false, error: { code: "target_unreachable" } });
  });

  it("reports TLS failures and answers that are not HTTP", async () => {
    const tls = await sendRequest(request(`https://127.0.0.1:${targetPort}/`), options());
    expect(tls).toMatchObject({ ok: false, error: { code: "target_tls_failed" } });
    const garbage = net.createServer((socket) => socket.end("NOT HTTP AT ALL\r\n\r\n"));
    await new Promise<void>((resolve) => garbage.listen(0, "127.0.0.1", resolve));
    const result = await sendRequest(
      request(`http://127.0.0.1:${(garbage.address() as AddressInfo).port}/`),
      options(),
    );
    garbage.close();
    expect(result).toMatchObject({ ok: false, error: { code: "target_bad_response" } });
  });

  it("ends the attempt with the abort reason", async () => {
    const controller = new AbortController();
    const pending = sendRequest(request(`http://127.0.0.1:${targetPort}/hang`), options({ signal: controller.signal }));
    setTimeout(() => controller.abort(new ApiError("shutting_down", "stopping")), 50);
    expect(await pending).toMatchObject({ ok: false, error: { code: "shutting_down", message: "stopping" } });
  });
});

describe("sendRequest without private targets", () => {
  const guarded = (resolve?: ResolveAll) => options({ allowPrivate: false, resolve });
  const resolver: ResolveAll = (hostname, _options, callback) =>
    setImmediate(() => {
      if (hostname === "internal.test") callback(null, [{ address: "10.0.0.1", family: 4 }]);
      else if (hostname === "metadata.test") callback(null, [{ address: "169.254.169.254", family: 4 }]);
      else if (hostname === "local.test") callback(null, [{ address: "127.0.0.1", family: 4 }]);
      else callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), []);
    });

  it.each([
    "http://127.0.0.1:PORT/",
    "http://[::1]:PORT/",
    "http://[::ffff:127.0.0.1]:PORT/",
    "http://10.0.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://0.0.0.0:PORT/",
    "http://localhost:PORT/",
    "http://internal.test/",
    "http://metadata.test/",
    "http://local.test:PORT/",
  ])("refuses %s before connecting", async (url) => {
    const connectsBefore = tcpConnects;
    const connectionsBefore = connections;
    const resolve = url.includes("localhost") ? undefined : resolver;
    expect(await refusal(sendRequest(request(url.replace("PORT", String(targetPort))), guarded(resolve)))).toBe(
      "target_refused",
    );
    expect(tcpConnects).toBe(connectsBefore);
    expect(connections).toBe(connectionsBefore);
  });

  it("reports a name that does not resolve as a DNS failure", async () => {
    const result = await sendRequest(request("http://missing.test/"), guarded(resolver));
    expect(result).toMatchObject({ ok: false, error: { code: "target_dns_failed" } });
  });
});
