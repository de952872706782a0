import type { RotateBinInput } from "@/lib/bins/schema";
import type { BinJson } from "@/lib/bins/types";
import { fetchJson } from "@/lib/swr/fetcher";

export type BinSecret = RotateBinInput["secret"];

/** POST /api/bins/{key}/rotate: the bin with a new key or a new capture token. */
export function rotateSecret(key: string, secret: BinSecret): Promise<BinJson> {
  return fetchJson<BinJson>(`/api/bins/${key}/rotate`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ secret }),
  });
}
