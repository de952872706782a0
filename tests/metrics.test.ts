// GET /metrics: Prometheus text behind METRICS_TOKEN, counting what operators watch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import { createBin } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";
import { openStream } from "./support/sse.ts";

const TOKEN = "metrics-token-0123456789";

afterAll(() => cleanupServers());

/** The value of one sample line, e.g. sample(text, 'hookscope_captures_total{outcome="stored"}'). */
function sample(text: string, series: string): number | null {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe("without METRICS_TOKEN", () => {
  it("serves no metrics", async () => {
    const server = await startServer();
    try {
      const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});

describe("with METRICS_TOKEN", () => {
  let server: TestServer;
  let bin: BinJson;
  beforeAll(async () => {
    server = await startServer({ env: { METRICS_TOKEN: TOKEN } });
    bin = await createBin(server.url);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const scrape = async () => {
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    return res.text();
  };

  it("refuses a scraper without the token, or with another one", async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer not-the-token-at-all" } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  });

  it("counts captures by outcome and their latency", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await fetch(`${bin.captureUrl}/${i}`, { method: "POST", body: "x" })).status).toBe(200);
    }
    expect((await fetch(`${server.url}/h/AAAAAAAAAAAAAAAAAAAAAAAA`, { method: "POST", body: "x" })).status).toBe(404);
    const text = await scrape();
    expect(sample(text, 'hookscope_captures_total{outcome="stored"}')).toBe(3);
    expect(sample(text, 'hookscope_captures_total{outcome="bin_not_found"}')).toBe(1);
    expect(sample(text, "hookscope_capture_duration_seconds_count")).toBe(3);
    expect(sample(text, "hookscope_storage_errors_total")).toBe(0);
    expect(sample(text, "hookscope_forward_queue_depth")).toBe(0);
    expect(text).toContain("hookscope_process_resident_memory_bytes");
  });

  it("counts open live streams", async () => {
    const stream = await openStream(`${server.url}/api/bins/${bin.key}/stream`);
    try {
      await stream.waitForComment(/connected/);
      expect(sample(await scrape(), "hookscope_live_subscribers")).toBe(1);
    } finally {
      stream.close();
    }
    await stream.closed;
    // The server sees the close a moment after the client: wait for the gauge to follow.
    let open = sample(await scrape(), "hookscope_live_subscribers");
    for (let tries = 0; open !== 0 && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, 20));
      open = sample(await scrape(), "hookscope_live_subscribers");
    }
    expect(open).toBe(0);
  });
});
