// What a capture URL answers: the bin's configured response, validated here and applied by the
// capture handler.
import { z } from "zod";

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/**
 * Headers a bin may not set: connection and framing headers (Node sets them), and the ones that
 * keep a capture answer from running as a page on this server's origin or planting cookies there.
 */
const RESERVED = new Set([
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "upgrade",
  "trailer",
  "content-security-policy",
  "x-content-type-options",
  "set-cookie",
  "x-hookscope-request-id",
]);

export const headerPairSchema = z.tuple([
  z.string().regex(HEADER_NAME, "header names are HTTP tokens (letters, digits and !#$%&'*+.^_`|~-)"),
  z.string().max(8192).regex(HEADER_VALUE, "header values may not contain line breaks or control characters"),
]);

export const binResponseSchema = z
  .object({
    status: z.number().int().min(200).max(599).default(200),
    headers: z
      .array(headerPairSchema)
      .max(50)
      .default([])
      .refine((pairs) => pairs.every(([name]) => !RESERVED.has(name.toLowerCase())), {
        message: `these headers are set by the server and cannot be configured: ${[...RESERVED].join(", ")}`,
      }),
    body: z
      .string()
      .max(1024 * 1024)
      .nullable()
      .default(null),
    delayMs: z.number().int().min(0).max(30_000).default(0),
    cors: z.boolean().default(true),
  })
  .strict();

export type BinResponse = z.infer<typeof binResponseSchema>;

export const defaultBinResponse: BinResponse = binResponseSchema.parse({});

/** Parses a stored response column, falling back to the default for anything unreadable. */
export function parseStoredResponse(json: string): BinResponse {
  try {
    const parsed = binResponseSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : defaultBinResponse;
  } catch {
    return defaultBinResponse;
  }
}

export function defaultAnswerBody(requestId: string): string {
  return JSON.stringify({ ok: true, requestId });
}
