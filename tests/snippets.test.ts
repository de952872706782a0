// "Copy as…" snippets: run against a capture URL, the curl, Node and Python snippets make a new
// capture whose body bytes and content type are the original's, for JSON, form, multipart and
// binary bodies; the Go snippet (no Go toolchain here) holds the exact body text.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import { toSnippet } from "../lib/snippets/snippet.ts";
import type { SnippetTarget } from "../lib/snippets/targets.ts";
import { sendAll } from "./support/har-fixtures.ts";
import { createBin, getBody, getRecord, listRequests } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";

const run = promisify(execFile);
afterAll(cleanupServers);

const hasPythonRequests = await run("python3", ["-c", "import requests"]).then(
  () => true,
  () => false,
);

const RUNNERS: Partial<Record<SnippetTarget, { file: string; command: string[] }>> = {
  curl: { file: "snippet.sh", command: ["sh", "snippet.sh"] },
  node: { file: "snippet.cjs", command: ["node", "snippet.cjs"] },
  ...(hasPythonRequests ? { python: { file: "snippet.py", command: ["python3", "snippet.py"] } } : {}),
};

describe("code snippets", () => {
  let server: TestServer;
  let bin: BinJson;
  beforeAll(async () => {
    server = await startServer();
    bin = await createBin(server.url);
  });
  afterAll(() => server?.stop());

  for (const kind of ["json", "form", "multipart", "binary"]) {
    it(`reproduce a ${kind} body exactly`, async () => {
      const [sent] = await sendAll(server.port, bin, [kind]);
      const originalId = (await listRequests(server.url, bin.key)).requests[0]?.id as string;
      const original = await getRecord(server.url, bin.key, originalId);
      const options = {
        origin: new URL(bin.captureUrl).origin,
        bodyUrl: `${server.url}/api/bins/${bin.key}/requests/${original.id}/body`,
      };
      for (const [target, runner] of Object.entries(RUNNERS)) {
        const dir = mkdtempSync(path.join(tmpdir(), "hookscope-snippet-"));
        const code = toSnippet(target as SnippetTarget, original, options);
        writeFileSync(path.join(dir, runner.file), code);
        // A binary body is read from body.bin, which the snippet says to download first.
        if (kind === "binary" && target !== "curl") writeFileSync(path.join(dir, "body.bin"), sent?.body as Buffer);
        const [command, ...args] = runner.command as [string, ...string[]];
        await run(command, args, { cwd: dir, timeout: 30_000 });
        const newest = (await listRequests(server.url, bin.key)).requests[0];
        expect(newest?.id, `${target} made no capture`).not.toBe(original.id);
        const copy = await getRecord(server.url, bin.key, newest?.id as string);
        const bytes = await getBody(server.url, bin.key, copy.id);
        expect(bytes.toString("hex"), `${target}: body`).toBe(sent?.body.toString("hex"));
        expect(copy.contentType, `${target}: content type`).toBe(original.contentType);
        expect(copy.method, `${target}: method`).toBe(original.method);
        expect(copy.path, `${target}: path`).toBe(original.path);
        expect(copy.query, `${target}: query`).toBe(original.query);
      }
      const text = original.bodyText;
      for (const target of ["python", "go", "httpie", "fetch"] as const) {
        const code = toSnippet(target, original, options);
        if (text === null) expect(code).toContain(target === "fetch" ? options.bodyUrl : "body.bin");
        else expect(code).not.toContain("__hookscope");
      }
      if (text !== null) {
        // Go's and Python's string literals escape as JSON does.
        const literal = JSON.stringify(text).slice(1, -1);
        expect(toSnippet("go", original, options)).toContain(literal);
      }
    });
  }
});
