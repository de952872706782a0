// The API shapes of captured requests, shared by the server, the route handlers and the UI.
import type { HeaderPair } from "../capture/headers.ts";

export interface RequestSummary {
  id: string;
  seq: number;
  method: string;
  path: string;
  query: string;
  contentType: string | null;
  bodySize: number;
  ip: string;
  receivedAt: string;
  /** Only on a request imported from a file (HAR): when it was imported; receivedAt is then the file's time. */
  importedAt?: string;
}

export interface RequestRecord extends RequestSummary {
  url: string;
  httpVersion: string;
  headers: HeaderPair[];
  bodyText: string | null;
}

export interface RequestPage {
  requests: RequestSummary[];
  nextCursor: string | null;
}
