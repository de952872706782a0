// What a capture URL answers: the bin's configured response, validated here and applied by the
// capture handler.
import { z } from "zod";

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/**
 * Headers a bin may not set. Connection and framing headers: Node sets them. The others would let a
 * capture answer act beyond itself on the origin it is served from (the app's, unless CAPTURE_URL
 * gives captures a host of their own): run as a page there, plant or wipe cookies and storage
 * (Set-Cookie, Clear-Site-Data), navigate (Refresh), pin transport or reporting for the whole
 * origin (Strict-Transport-Security, Alt-Svc, NEL, Report-To, Reporting-Endpoints), widen a
 * service worker's scope, preload or prefetch (Link, Speculation-Rules), or persist client hints
 * and login state (Accept-CH, Critical-CH, Set-Login), or change the origin's agent cluster.
 * Location is allowed: senders' redirect handling is worth testing; see CAPTURE_URL.
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
  "x-hookscope-request-id",
  "set-cookie",
  "clear-site-data",
  "refresh",
  "strict-transport-security",
  "alt-svc",
  "nel",
  "report-to",
  "reporting-endpoints",
  "service-worker-allowed",
  "link",
  "speculation-rules",
  "accept-ch",
  "critical-ch",
  "set-login",
  "origin-agent-cluster",
]);

/** True for a header a bin's answer may not carry (see RESERVED). */
export function isReservedAnswerHeader(name: string): boolean {
  return RESERVED.has(name.toLowerCase());
}

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
      .refine((pairs) => pairs.every(([name]) => !isReservedAnswerHeader(name)), {
        message: `these headers are set by the server or would act on its origin, and cannot be configured: ${[...RESERVED].join(", ")}`,
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

/**
 * Parses a stored response column, falling back to the default for anything unreadable. Headers
 * refused since the answer was saved are left out rather than sent.
 */
export function parseStoredResponse(json: string): BinResponse {
  try {
    const stored = JSON.parse(json) as { headers?: unknown };
    if (Array.isArray(stored?.headers)) {
      stored.headers = stored.headers.filter(
        (pair) => !(Array.isArray(pair) && isReservedAnswerHeader(String(pair[0]))),
      );
    }
    const parsed = binResponseSchema.safeParse(stored);
    return parsed.success ? parsed.data : defaultBinResponse;
  } catch {
    return defaultBinResponse;
  }
}

/** What a capture URL answers when its bin configures no body. */
export const defaultAnswerSchema = z.strictObject({ ok: z.literal(true), requestId: z.string() });

export function defaultAnswerBody(requestId: string): string {
  return JSON.stringify({ ok: true, requestId } satisfies z.infer<typeof defaultAnswerSchema>);
}
