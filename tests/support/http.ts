// Client helpers: the JSON API through fetch, and captures through a raw socket when a test
// needs exact control of the bytes on the wire (header case, duplicates, framing).
import { createHash } from "node:crypto";
import net from "node:net";
import type { BinJson } from "../../lib/bins/types.ts";
import type { RequestPage, RequestRecord } from "../../lib/requests/types.ts";

export const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

export async function api<T = unknown>(
  base: string,
  path: string,
  init?: RequestInit,
): Promise<{ status: number; json: T; headers: Headers }> {
  // The JSON API takes JSON bodies only: a string body is sent as JSON unless a test says otherwise.
  const headers = new Headers(init?.headers);
  if (typeof init?.body === "string" && !headers.has("content-type")) headers.set("content-type", "application/json");
  const res = await fetch(`${base}${path}`, { ...init, headers });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

export async function createBin(base: string, body: unknown = {}): Promise<BinJson> {
  const res = await api<BinJson>(base, "/api/bins", {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  if (res.status !== 201) throw new Error(`create bin failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

export async function getRecord(base: string, key: string, id: string): Promise<RequestRecord> {
  const res = await api<RequestRecord>(base, `/api/bins/${key}/requests/${id}`);
  if (res.status !== 200) throw new Error(`get request failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

export async function listRequests(base: string, key: string, query = ""): Promise<RequestPage> {
  const res = await api<RequestPage>(base, `/api/bins/${key}/requests${query}`);
  if (res.status !== 200) throw new Error(`list failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

export async function getBody(base: string, key: string, id: string): Promise<Buffer> {
  const res = await fetch(`${base}/api/bins/${key}/requests/${id}/body`);
  if (res.status !== 200) throw new Error(`body failed: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

export interface RawResponse {
  status: number;
  headers: [string, string][];
  body: string;
  header(name: string): string | undefined;
}

/** Sends exactly these bytes on a new connection and reads one response (the server closes or we stop at Content-Length). */
export function rawRequest(port: number, bytes: Buffer | string, timeoutMs = 15_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("raw request timed out"));
    }, timeoutMs);
    const tryParse = (final: boolean) => {
      const data = Buffer.concat(chunks);
      const end = data.indexOf("\r\n\r\n");
      if (end === -1) {
        if (final) reject(new Error(`incomplete response: ${data.toString("latin1")}`));
        return;
      }
      const head = data.subarray(0, end).toString("latin1").split("\r\n");
      const status = Number(head[0]?.split(" ")[1]);
      const headers = head.slice(1).map((line) => {
        const i = line.indexOf(":");
        return [line.slice(0, i), line.slice(i + 1).trim()] as [string, string];
      });
      const find = (name: string) => headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
      // 204 and 304 answers have no body, whatever their headers say.
      const length = status === 204 || status === 304 ? "0" : find("content-length");
      const body = data.subarray(end + 4);
      if (length !== undefined && body.length < Number(length) && !final) return;
      if (length === undefined && !final) return;
      clearTimeout(timer);
      socket.destroy();
      resolve({
        status,
        headers,
        body: body.subarray(0, length === undefined ? undefined : Number(length)).toString("utf8"),
        header: find,
      });
    };
    socket.on("data", (d) => {
      chunks.push(d);
      tryParse(false);
    });
    socket.on("end", () => tryParse(true));
    socket.on("error", (err) => {
      if (chunks.length > 0) tryParse(true);
      else reject(err);
    });
    socket.write(bytes);
  });
}

/** Builds an HTTP/1.1 request with exactly the given header lines (name and case as given). */
export function buildRequest(
  method: string,
  target: string,
  headers: [string, string][],
  body: Buffer | string = "",
): Buffer {
  const bodyBuf = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const lines = [`${method} ${target} HTTP/1.1`, ...headers.map(([n, v]) => `${n}: ${v}`)];
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), bodyBuf]);
}

/** A new bin whose captures are forwarded to `forwardUrl`. */
export async function createForwardingBin(base: string, forwardUrl: string): Promise<BinJson> {
  const bin = await createBin(base);
  const res = await api(base, `/api/bins/${bin.key}`, { method: "PATCH", body: JSON.stringify({ forwardUrl }) });
  if (res.status !== 200) throw new Error(`setting forwardUrl answered ${res.status}`);
  return bin;
}
