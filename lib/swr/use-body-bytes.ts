"use client";

import useSWR from "swr";
import { DECODED_HEADER, UNDECODED_HEADER } from "../body/detect";
import { throwForStatus } from "./fetcher";

export interface BodyBytes {
  bytes: ArrayBuffer;
  /** The content codings the server undid (decode requests only), as listed in Content-Encoding. */
  decoded: string[];
  /** Codings the server could not undo: the bytes are as stored. */
  undecoded: string[];
}

/** `api` is the API base: /api/bins/{key}, or /api/shares/{id} on a share link. */
export function bodyUrl(api: string, id: string, decode = false): string {
  return `${api}/requests/${id}/body${decode ? "?decode=1" : ""}`;
}

/** Fetches a body as bytes; a failed answer throws ApiClientError with the status and the API's message. */
export async function fetchBodyBytes(url: string): Promise<BodyBytes> {
  const res = await throwForStatus(await fetch(url));
  const list = (name: string) =>
    (res.headers.get(name) ?? "")
      .split(",")
      .map((coding) => coding.trim())
      .filter(Boolean);
  return { bytes: await res.arrayBuffer(), decoded: list(DECODED_HEADER), undecoded: list(UNDECODED_HEADER) };
}

/** A captured body's bytes (its Content-Encoding undone when decode is true); no request until ready. */
export function useBodyBytes(api: string | null, id: string | null, decode: boolean, ready = true) {
  return useSWR<BodyBytes>(api && id && ready ? bodyUrl(api, id, decode) : null, fetchBodyBytes, {
    // A captured body never changes.
    revalidateIfStale: false,
    revalidateOnFocus: false,
    revalidateOnReconnect: false,
    shouldRetryOnError: false,
  });
}
