// Requests of every body kind a sender may send, captured byte-exactly through a raw socket:
// the fixtures of the HAR and snippet tests.
import zlib from "node:zlib";
import { expect } from "vitest";
import type { BinJson } from "../../lib/bins/types.ts";
import { buildRequest, rawRequest } from "./http.ts";

export interface Sent {
  kind: string;
  method: string;
  /** Sub-path and query after /h/{token}. */
  target: string;
  headers: [string, string][];
  body: Buffer;
}

const BOUNDARY = "----hookscopeBoundary7MA4YWxkTrZu0gW";

/** The captures to make, each with its headers but Host and Content-Length. */
export const FIXTURES: Sent[] = [
  {
    kind: "json",
    method: "POST",
    target: "/stripe/events?b=2&sp=%20x+y&flag&a=1",
    headers: [
      ["Content-Type", "application/json; charset=utf-8"],
      ["X-Dup", "one"],
      ["x-dup", "two"],
      ["Stripe-Signature", "t=1,v1=abc"],
    ],
    body: Buffer.from('{"b":"é\'\\n",\n  "a":"😀$x`",  "n":1.50}'),
  },
  {
    kind: "form",
    method: "POST",
    target: "/twilio",
    headers: [["Content-Type", "application/x-www-form-urlencoded"]],
    body: Buffer.from("Body=hello+world&From=%2B15551234567&Empty=&Body=again"),
  },
  {
    kind: "multipart",
    method: "PUT",
    target: "/upload",
    headers: [["Content-Type", `multipart/form-data; boundary=${BOUNDARY}`]],
    body: Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="field"\r\n\r\nvalue\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nline 1\nline 2\r\n--${BOUNDARY}--\r\n`,
    ),
  },
  {
    kind: "binary",
    method: "POST",
    target: "/bin",
    headers: [["Content-Type", "application/octet-stream"]],
    body: Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80, 0x0a, 0x0d, 0x00, 0xc3, 0x28, 0x7f]),
  },
  { kind: "empty", method: "GET", target: "", headers: [["Accept", "*/*"]], body: Buffer.alloc(0) },
  {
    kind: "gzip",
    method: "POST",
    target: "/gz",
    headers: [
      ["Content-Type", "application/json"],
      ["Content-Encoding", "gzip"],
    ],
    body: zlib.gzipSync(Buffer.from('{"compressed":true}')),
  },
];

/** Sends each fixture to the bin exactly (Host and Content-Length added) and returns what was sent. */
export async function sendAll(port: number, bin: BinJson, kinds?: string[]): Promise<Sent[]> {
  const sent: Sent[] = [];
  const token = new URL(bin.captureUrl).pathname.split("/")[2];
  for (const f of FIXTURES.filter((f) => !kinds || kinds.includes(f.kind))) {
    const headers: [string, string][] = [["Host", `127.0.0.1:${port}`], ...f.headers];
    if (f.body.length > 0 || f.method !== "GET") headers.push(["Content-Length", String(f.body.length)]);
    const res = await rawRequest(port, buildRequest(f.method, `/h/${token}${f.target}`, headers, f.body));
    expect(res.status).toBe(200);
    sent.push({ ...f, headers });
  }
  return sent;
}
