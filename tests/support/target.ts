// A webhook receiver for resend and forwarding tests: a node:http server on a random loopback
// port that records every request exactly as it arrived and answers as the test says.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  method: string;
  url: string;
  rawHeaders: string[];
  headers: [string, string][];
  body: Buffer;
}

export type Reply = (req: Received, res: http.ServerResponse) => void;

export interface Target {
  url: string;
  port: number;
  received: Received[];
  /** Connections accepted so far (including ones that sent nothing). */
  connections: number;
  /** Sets how the next requests are answered (default 200 "ok"). */
  reply(fn: Reply): void;
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export const header = (headers: [string, string][], name: string): string | undefined =>
  headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];

export async function startTarget(): Promise<Target> {
  const received: Received[] = [];
  let reply: Reply = (_req, res) => res.end("ok");
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rawHeaders = req.rawHeaders;
      const headers: [string, string][] = [];
      for (let i = 0; i + 1 < rawHeaders.length; i += 2)
        headers.push([rawHeaders[i] as string, rawHeaders[i + 1] as string]);
      const entry = { method: req.method ?? "", url: req.url ?? "", rawHeaders, headers, body: Buffer.concat(chunks) };
      received.push(entry);
      reply(entry, res);
    });
  });
  const target: Target = {
    url: "",
    port: 0,
    received,
    connections: 0,
    reply: (fn) => {
      reply = fn;
    },
    waitFor: async (count, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`target got ${received.length} of ${count} requests`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  server.on("connection", (socket) => {
    target.connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  target.port = (server.address() as AddressInfo).port;
  target.url = `http://127.0.0.1:${target.port}`;
  return target;
}

/** A loopback port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A target that takes the first request and never answers it, and answers the next ones 200 "delivered". */
export async function hangOnFirst(): Promise<Target> {
  const target = await startTarget();
  let seen = 0;
  target.reply((_req, res) => {
    if (seen++ > 0) res.end("delivered");
  });
  return target;
}
