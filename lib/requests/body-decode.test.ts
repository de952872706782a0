import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { ApiError } from "../errors.ts";
import { decodeBody, decodedBodyHeaders, MAX_DECODED_BYTES, parseDecodeParam } from "./body-decode.ts";

// A GitHub-style push payload, the kind of body senders compress.
const payload = Buffer.from(
  JSON.stringify({
    ref: "refs/heads/main",
    repository: { full_name: "octo/hello", private: false },
    commits: Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, message: `Commit ${i}: résumé ✓` })),
  }),
);

async function decodeError(bytes: Buffer, encoding: string, maxBytes?: number): Promise<ApiError> {
  const err = await decodeBody(bytes, encoding, maxBytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe("decodeBody: supported codings", () => {
  it("gunzips a gzip body and reports the coding undone", async () => {
    const result = await decodeBody(zlib.gzipSync(payload), "gzip");
    expect(result.bytes.equals(payload)).toBe(true);
    expect(result.decoded).toEqual(["gzip"]);
    expect(result.undecoded).toEqual([]);
  });

  it("treats x-gzip as gzip and ignores case and spaces", async () => {
    const result = await decodeBody(zlib.gzipSync(payload), "  X-GZIP ");
    expect(result.bytes.equals(payload)).toBe(true);
    expect(result.decoded).toEqual(["x-gzip"]);
  });

  it("inflates zlib-wrapped deflate and raw deflate alike", async () => {
    expect((await decodeBody(zlib.deflateSync(payload), "deflate")).bytes.equals(payload)).toBe(true);
    expect((await decodeBody(zlib.deflateRawSync(payload), "deflate")).bytes.equals(payload)).toBe(true);
  });

  it("decompresses brotli", async () => {
    const result = await decodeBody(zlib.brotliCompressSync(payload), "br");
    expect(result.bytes.equals(payload)).toBe(true);
    expect(result.decoded).toEqual(["br"]);
  });

  it("undoes a list of codings last applied first", async () => {
    const encoded = zlib.brotliCompressSync(zlib.gzipSync(payload));
    const result = await decodeBody(encoded, "gzip, br");
    expect(result.bytes.equals(payload)).toBe(true);
    expect(result.decoded).toEqual(["gzip", "br"]);
  });

  it("skips identity", async () => {
    const result = await decodeBody(zlib.gzipSync(payload), "identity, gzip");
    expect(result.bytes.equals(payload)).toBe(true);
    expect(result.decoded).toEqual(["gzip"]);
  });
});

describe("decodeBody: bytes returned as stored", () => {
  it("returns the bytes as stored without a Content-Encoding", async () => {
    const result = await decodeBody(payload, null);
    expect(result).toEqual({ bytes: payload, decoded: [], undecoded: [] });
  });

  it("returns the bytes as stored, flagged, when a coding is unknown", async () => {
    const stored = zlib.gzipSync(payload);
    const result = await decodeBody(stored, "gzip, zstd");
    expect(result.bytes).toBe(stored);
    expect(result.decoded).toEqual([]);
    expect(result.undecoded).toEqual(["zstd"]);
  });
});

describe("decodeBody: refusals", () => {
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
    const result = await decodeBody(zlib.gzipSync(Buffer.alloc(1024)), "gzip", 1024);
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

describe("decodedBodyHeaders", () => {
  const id = "0190a8f0-0000-7000-8000-000000000000";

  it("names a decoded download <id>.decoded.<ext> and lists the codings undone", () => {
    const headers = decodedBodyHeaders(id, "application/json", {
      bytes: payload,
      decoded: ["gzip"],
      undecoded: [],
    });
    expect(headers.get("content-disposition")).toBe(`attachment; filename="${id}.decoded.json"`);
    expect(headers.get("content-type")).toBe("application/octet-stream");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("content-length")).toBe(String(payload.length));
    expect(headers.get("x-hookscope-decoded")).toBe("gzip");
  });

  it("keeps the plain filename and flags unknown codings when nothing was decoded", () => {
    const headers = decodedBodyHeaders(id, null, { bytes: payload, decoded: [], undecoded: ["zstd"] });
    expect(headers.get("content-disposition")).toBe(`attachment; filename="${id}.bin"`);
    expect(headers.get("x-hookscope-decoded")).toBeNull();
    expect(headers.get("x-hookscope-undecoded")).toBe("zstd");
  });
});
