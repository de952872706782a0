"use client";

import { useEffect, useState } from "react";

type Status = { kind: "loading" } | { kind: "loaded"; width: number; height: number } | { kind: "failed" };

/**
 * A raster image body drawn from a blob URL of its bytes with the declared type. Only raster types
 * reach this view (never SVG), so nothing in the bytes can run.
 */
export function ImageView({ bytes, mediaType }: { bytes: Uint8Array<ArrayBuffer>; mediaType: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: "loading" });

  useEffect(() => {
    const objectUrl = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
    setUrl(objectUrl);
    setStatus({ kind: "loading" });
    return () => URL.revokeObjectURL(objectUrl);
  }, [bytes, mediaType]);

  return (
    <figure className="flex flex-col gap-2">
      <div className="flex min-h-48 items-center justify-center rounded-md border border-zinc-200 bg-zinc-100 p-3 dark:border-zinc-800 dark:bg-zinc-950">
        {url && status.kind !== "failed" && (
          // biome-ignore lint/performance/noImgElement: a blob URL of captured bytes cannot go through next/image.
          <img
            src={url}
            alt={`The request body, shown as ${mediaType}`}
            className="max-h-[32rem] max-w-full object-contain"
            onLoad={(e) =>
              setStatus({ kind: "loaded", width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })
            }
            onError={() => setStatus({ kind: "failed" })}
          />
        )}
        {status.kind === "failed" && (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            The body is not a {mediaType} image this browser can draw. See the Raw tab or download it.
          </p>
        )}
      </div>
      <figcaption className="text-sm text-zinc-600 dark:text-zinc-300" aria-live="polite">
        {status.kind === "loaded"
          ? `${status.width} × ${status.height} px, ${mediaType}`
          : status.kind === "loading"
            ? "Loading image…"
            : "Could not display the image."}
      </figcaption>
    </figure>
  );
}
