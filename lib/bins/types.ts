import type { BinResponse } from "./response.ts";

export interface BinJson {
  token: string;
  name: string | null;
  captureUrl: string;
  inspectUrl: string;
  createdAt: string;
  lastRequestAt: string | null;
  requestCount: number;
  forwardUrl: string | null;
  response: BinResponse;
}
