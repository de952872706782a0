// Requests Node's HTTP parser rejects never reach a handler: unknown methods, oversized headers,
// bad framing, senders too slow to finish. They get a JSON answer here and a log line (the method
// and the parser's code only: never the target, which holds the bin token, nor any body).
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import { ApiError } from "../errors.ts";

type ParserError = NodeJS.ErrnoException & { rawPacket?: Buffer; bytesParsed?: number };

export function answerClientError(err: ParserError, socket: Socket, log: (message: string) => void): void {
  if (err.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const apiError = classify(err);
  const method =
    err.code === "HPE_INVALID_METHOD" ? `, method "${rejectedMethod(err.rawPacket, err.bytesParsed ?? 0)}"` : "";
  log(`rejected request (${err.code ?? "unknown"}${method})`);
  const body = JSON.stringify(apiError.toJSON());
  socket.end(
    `HTTP/1.1 ${apiError.status} ${STATUS_CODES[apiError.status] ?? "Error"}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function classify(err: ParserError): ApiError {
  switch (err.code) {
    case "HPE_HEADER_OVERFLOW":
      return new ApiError(
        "headers_too_large",
        "The request headers are larger than this server accepts (MAX_HEADER_BYTES).",
      );
    case "HPE_INVALID_METHOD":
      return new ApiError(
        "unsupported_method",
        `The method "${rejectedMethod(err.rawPacket, err.bytesParsed ?? 0)}" is not one Node's HTTP parser accepts, so it cannot be captured.`,
      );
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return new ApiError(
        "request_timeout",
        "The request was not received in time (HEADERS_TIMEOUT_MS / REQUEST_TIMEOUT_MS); the connection is closed.",
      );
    default:
      return new ApiError("bad_request", `The request is not valid HTTP/1.1 (${err.code ?? "parse error"}).`);
  }
}

/** The method token of the request line the parser stopped in (a keep-alive packet may hold earlier requests). */
export function rejectedMethod(packet: Buffer | undefined, bytesParsed: number): string {
  if (!packet) return "";
  const start = packet.lastIndexOf(0x0a, Math.max(0, bytesParsed - 1)) + 1;
  const line = packet.subarray(start, start + 40).toString("latin1");
  return (line.split(/[\s/]/, 1)[0] ?? "").replace(/[^\x21-\x7e]/g, "?").slice(0, 24);
}
