import { once } from "node:events";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../errors.ts";
import {
  BROTLI_STAGE_WINDOW,
  decodeWindow,
  MAX_DECODE_CODINGS,
  MAX_DECODED_BYTES,
  measureDecoded,
  openDecoded,
  parseDecodeParam,
  planDecode,
  ZLIB_STAGE_WINDOW,
} from "./body-decode.ts";
import { bodyDownloadHeaders } from "./body-download.ts";

// A GitHub-style push payload, the kind of body senders compress.
const payload = Buffer.from(
  JSON.stringify({
    ref: "refs/heads/main",
    repository: { full_name: "octo/hello", private: false },
    commits: Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, message: `Commit ${i}: résumé ✓` })),
  }),
);

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Both passes, as the download makes them: the measured length and the streamed bytes. */
async function decode(bytes: Buffer, encoding: string, maxBytes?: number) {
  const plan = planDecode(encoding);
  const measured = await measureDecoded(bytes, plan.decoded, maxBytes);
  const out = await readAll(openDecoded(bytes, plan.decoded, measured, maxBytes));
  expect(out.length).toBe(measured.length);
  return { bytes: out, plan };
}

async function decodeError(bytes: Buffer, encoding: string, maxBytes?: number): Promise<ApiError> {
  const err = await measureDecoded(bytes, planDecode(encoding).decoded, maxBytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe("decoding: supported codings", () => {
  it("gunzips a gzip body and reports the coding undone", async () => {
    const result = await decode(zlib.gzipSync(payload), "gzip");
    expect(result.bytes.equals(payload)).toBe(true);
    expect(result.plan).toEqual({ decoded: ["gzip"], undecoded: [] });
  });

  it("treats x-gzip as gzip and ignores case and spaces", async () => {
    const result = await decode(zlib.gzipSync(payload), "  X-GZIP ");
    expect(result.bytes.equals(payload)).toBe(true);
    expect(result.plan.decoded).toEqual(["x-gzip"]);
  });

  it("inflates zlib-wrapped deflate and raw deflate alike", async () => {
    expect((await decode(zlib.deflateSync(payload), "deflate")).bytes.equals(payload)).toBe(true);
    expect((await decode(zlib.deflateRawSync(payload), "deflate")).bytes.equals(payload)).toBe(true);
  });

  it("inflates raw deflate inside another coding", async () => {
    const result = await decode(zlib.gzipSync(zlib.deflateRawSync(payload)), "deflate, gzip");
    expect(result.bytes.equals(payload)).toBe(true);
  });

  it("decompresses brotli", async () => {
    const result = await decode(zlib.brotliCompressSync(payload), "br");
    expect(result.bytes.equals(payload)).toBe(true);
    expect(result.plan.decoded).toEqual(["br"]);
  });

  it("undoes a list of codings last applied first", async () => {
    const result = await decode(zlib.brotliCompressSync(zlib.gzipSync(payload)), "gzip, br");
    expect(result.bytes.equals(payload)).toBe(true);
    expect(result.plan.decoded).toEqual(["gzip", "br"]);
  });

  it("skips identity", async () => {
    const result = await decode(zlib.gzipSync(payload), "identity, gzip");
    expect(result.bytes.equals(payload)).toBe(true);
    expect(result.plan.decoded).toEqual(["gzip"]);
  });
});

describe("planDecode: bytes served as stored", () => {
  it("decodes nothing without a Content-Encoding", () => {
    expect(planDecode(null)).toEqual({ decoded: [], undecoded: [] });
  });

  it("decodes nothing, flagged, when a coding is unknown", () => {
    expect(planDecode("gzip, zstd")).toEqual({ decoded: [], undecoded: ["zstd"] });
  });

  it("does not take names of Object's prototype for codings", () => {
    expect(planDecode("constructor")).toEqual({ decoded: [], undecoded: ["constructor"] });
    expect(planDecode("gzip, __proto__")).toEqual({ decoded: [], undecoded: ["__proto__"] });
  });

  it(`refuses more than ${MAX_DECODE_CODINGS} codings with body_not_decodable`, () => {
    expect(planDecode(Array(MAX_DECODE_CODINGS).fill("gzip").join(", ")).decoded).toHaveLength(MAX_DECODE_CODINGS);
    const err = (() => {
      try {
        planDecode(
          Array(MAX_DECODE_CODINGS + 1)
            .fill("gzip")
            .join(", "),
        );
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("body_not_decodable");
    expect((err as ApiError).status).toBe(400);
  });
});

describe("decoding: refusals", () => {
  it("refuses a decompression bomb past the cap with body_not_decodable", async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(MAX_DECODED_BYTES + 1024 * 1024));
    expect(bomb.length).toBeLessThan(100_000);
    const err = await decodeError(bomb, "gzip");
    expect(err.code).toBe("body_not_decodable");
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/larger than 16 MiB/);
  });

  it("applies the cap to every stage of a list and to brotli", async () => {
    const inner = zlib.gzipSync(Buffer.alloc(4096));
    const err = await decodeError(zlib.brotliCompressSync(inner), "gzip, br", 1024);
    expect(err.message).toMatch(/larger than 1024 bytes/);
    expect((await decodeError(zlib.brotliCompressSync(Buffer.alloc(4096)), "br", 1024)).code).toBe(
      "body_not_decodable",
    );
  });

  it("accepts a body of exactly the cap", async () => {
    const result = await decode(zlib.gzipSync(Buffer.alloc(1024)), "gzip", 1024);
    expect(result.bytes.length).toBe(1024);
  });

  it("refuses corrupt data, naming the coding", async () => {
    for (const encoding of ["gzip", "deflate", "br"]) {
      const err = await decodeError(Buffer.from("definitely not compressed"), encoding);
      expect(err.code).toBe("body_not_decodable");
      expect(err.message).toContain(`not valid ${encoding} data`);
    }
  });

  it("refuses a truncated gzip body", async () => {
    const err = await decodeError(zlib.gzipSync(payload).subarray(0, 40), "gzip");
    expect(err.message).toMatch(/unexpected end of file/);
  });

  it("reports the zlib error, not the raw one, for deflate that is neither", async () => {
    const err = await decodeError(Buffer.from([0x78, 0x9c, 0xff, 0xff, 0xff]), "deflate");
    expect(err.message).toContain("not valid deflate data");
  });
});

describe("decoding: memory", () => {
  it("holds no more than its window for a gzip-of-gzip-of-gzip bomb whose reader stops", async () => {
    const bomb = zlib.gzipSync(zlib.gzipSync(zlib.gzipSync(Buffer.alloc(MAX_DECODED_BYTES))));
    expect(bomb.length).toBeLessThan(200);
    const { decoded } = planDecode("gzip, gzip, gzip");
    const measured = await measureDecoded(bomb, decoded);
    expect(measured.length).toBe(MAX_DECODED_BYTES);

    const window = decodeWindow(decoded);
    expect(window).toBe(3 * ZLIB_STAGE_WINDOW);
    const stream = openDecoded(bomb, decoded, measured);
    await once(stream, "readable");
    const first = stream.read() as Buffer;
    expect(first.length).toBeGreaterThan(0);
    // A decoder that produced the whole body at once would hand it over here, in one piece.
    expect(first.length).toBeLessThanOrEqual(window);
    // The reader stops here. The chain decodes until every buffer is full, then waits.
    await vi.waitFor(() => expect(stream.readableLength).toBeGreaterThanOrEqual(stream.readableHighWaterMark));
    const emitted = first.length + stream.readableLength;
    expect(emitted).toBeLessThanOrEqual(window);

    // Read on: the rest comes, every byte of it.
    const rest = await readAll(stream);
    expect(first.length + rest.length).toBe(MAX_DECODED_BYTES);
    expect(rest.every((byte) => byte === 0)).toBe(true);
  });

  it("counts brotli's ring buffer in the window", () => {
    expect(decodeWindow(["gzip", "br"])).toBe(ZLIB_STAGE_WINDOW + BROTLI_STAGE_WINDOW);
    expect(BROTLI_STAGE_WINDOW).toBeGreaterThan(16 * 1024 * 1024);
  });

  it("stops decoding when the stream is destroyed", async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(MAX_DECODED_BYTES));
    const { decoded } = planDecode("gzip");
    const stream = openDecoded(bomb, decoded, await measureDecoded(bomb, decoded));
    await once(stream, "readable");
    stream.destroy();
    await once(stream, "close");
    expect(stream.destroyed).toBe(true);
  });
});

describe("parseDecodeParam", () => {
  it("reads 1/true as yes and absent/0/false as no", () => {
    expect(parseDecodeParam(new URLSearchParams("decode=1"))).toBe(true);
    expect(parseDecodeParam(new URLSearchParams("decode=true"))).toBe(true);
    expect(parseDecodeParam(new URLSearchParams(""))).toBe(false);
    expect(parseDecodeParam(new URLSearchParams("decode=0"))).toBe(false);
    expect(parseDecodeParam(new URLSearchParams("decode=false"))).toBe(false);
  });

  it("refuses anything else with a 400", () => {
    expect(() => parseDecodeParam(new URLSearchParams("decode=yes"))).toThrow(ApiError);
  });
});

describe("bodyDownloadHeaders", () => {
  const id = "0190a8f0-0000-7000-8000-000000000000";

  it("names a decoded download <id>.decoded.<ext> and lists the codings undone", () => {
    const headers = bodyDownloadHeaders(id, "application/json", payload.length, { decoded: ["gzip"], undecoded: [] });
    expect(headers["Content-Disposition"]).toBe(`attachment; filename="${id}.decoded.json"`);
    expect(headers["Content-Type"]).toBe("application/octet-stream");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Content-Security-Policy"]).toBe("default-src 'none'; sandbox");
    expect(headers["Content-Length"]).toBe(String(payload.length));
    expect(headers["X-Hookscope-Decoded"]).toBe("gzip");
  });

  it("keeps the plain filename and flags unknown codings when nothing was decoded", () => {
    const headers = bodyDownloadHeaders(id, null, payload.length, { decoded: [], undecoded: ["zstd"] });
    expect(headers["Content-Disposition"]).toBe(`attachment; filename="${id}.bin"`);
    expect(headers["X-Hookscope-Decoded"]).toBeUndefined();
    expect(headers["X-Hookscope-Undecoded"]).toBe("zstd");
  });
});
