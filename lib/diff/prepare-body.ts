// A stored body made ready to compare: hashed as stored, and decoded when its Content-Encoding is
// one this server undoes, so that two gzip deliveries are compared by what they say, not by their
// compressed bytes. Decoding reuses the download's decoder chain, bounded by DIFF_MAX_BYTES.
import { createHash } from "node:crypto";
import { contentEncodingOf } from "../body/detect.ts";
import type { HeaderPair } from "../capture/headers.ts";
import { measureDecoded, openDecoded, planDecode } from "../requests/body-decode.ts";
import type { PreparedBody } from "./body.ts";

export interface StoredBody {
  /** "a" or "b": names the side in messages. */
  label: string;
  bytes: Buffer;
  headers: HeaderPair[];
  contentType: string | null;
}

export async function prepareBody(body: StoredBody, maxBytes: number): Promise<PreparedBody> {
  const { bytes, contentType } = body;
  const side = {
    size: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    decoded: [] as string[],
    comparedSize: bytes.length,
    decodeProblem: null as string | null,
  };
  if (bytes.length > maxBytes) {
    return { side, bytes: null, contentType, tooLarge: tooLargeMessage(body.label, bytes.length, maxBytes) };
  }
  try {
    const plan = planDecode(contentEncodingOf(body.headers));
    if (plan.decoded.length === 0) return { side, bytes, contentType, tooLarge: null };
    const measured = await measureDecoded(bytes, plan.decoded, maxBytes);
    const decoded = await readAll(openDecoded(bytes, plan.decoded, measured, maxBytes));
    return {
      side: { ...side, decoded: plan.decoded, comparedSize: decoded.length },
      bytes: decoded,
      contentType,
      tooLarge: null,
    };
  } catch {
    // Corrupt, too many codings, or larger than DIFF_MAX_BYTES once decoded: the stored bytes are compared instead.
    const decodeProblem = `Its Content-Encoding could not be undone within ${maxBytes} bytes (DIFF_MAX_BYTES), or the data is not valid: compared as stored.`;
    return { side: { ...side, decodeProblem }, bytes, contentType, tooLarge: null };
  }
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function tooLargeMessage(label: string, size: number, maxBytes: number): string {
  return `Body ${label} is ${size} bytes, more than DIFF_MAX_BYTES (${maxBytes}): compared by size and SHA-256 as stored.`;
}
