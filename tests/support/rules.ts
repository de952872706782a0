// Helpers for the answer-rule tests: setting a bin's rules, and watching what a capture connection
// gets when a rule may answer nothing at all.
import net from "node:net";
import type { BinJson } from "../../lib/bins/types.ts";
import { api } from "./http.ts";

/** PATCHes the bin's rules; returns the answer (200 with the bin, or the error). */
export async function patchRules(base: string, bin: BinJson, rules: unknown) {
  return api<BinJson & { error?: { code: string; message: string } }>(base, `/api/bins/${bin.key}`, {
    method: "PATCH",
    body: JSON.stringify({ rules }),
  });
}

export async function setRules(base: string, bin: BinJson, rules: unknown): Promise<BinJson> {
  const res = await patchRules(base, bin, rules);
  if (res.status !== 200) throw new Error(`setting rules answered ${res.status}: ${JSON.stringify(res.json)}`);
  return res.json;
}

export interface SocketOutcome {
  /** Every byte the server sent before the connection closed. */
  received: string;
  /** From the last request byte written to the connection's close. */
  elapsedMs: number;
}

/** Sends the bytes on a new connection and waits for the server to close it. */
export function sendUntilClosed(port: number, bytes: Buffer, maxMs = 30_000): Promise<SocketOutcome> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let sentAt = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open past ${maxMs} ms`));
    }, maxMs);
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ received: Buffer.concat(chunks).toString("latin1"), elapsedMs: performance.now() - sentAt });
    });
    socket.write(bytes, () => {
      sentAt = performance.now();
    });
  });
}
