"use client";

import { useMemo } from "react";
import { type Detection, MAX_TEXT_BYTES } from "@/lib/body/detect";
import { EmptyView } from "./empty-view";
import { FormView } from "./form-view";
import { HexView } from "./hex-view";
import { ImageView } from "./image-view";
import { JsonView } from "./json-view";
import { MultipartView } from "./multipart-view";
import { TextView } from "./text-view";

/** The body the Pretty tab shows: after decoding when the request had a Content-Encoding. */
export interface ShownBody {
  detection: Detection;
  /** The whole body as text (valid UTF-8, at most 1 MiB), else null. */
  text: string | null;
  /** The bytes, when fetched or when the view needs them; never null when text is null. */
  bytes: Uint8Array<ArrayBuffer> | null;
  decoded: string[];
  undecoded: string[];
}

/** A body in the view its type calls for: JSON tree, form or multipart table, image, text or hex. */
export function PrettyView({ body, contentType }: { body: ShownBody; contentType: string }) {
  const { view, mediaType, note } = body.detection;
  const bytes = body.bytes ?? new Uint8Array(0);
  return (
    <div className="flex flex-col gap-2">
      {note && <p className="text-zinc-700 dark:text-zinc-300">{note}</p>}
      {view === "empty" && <EmptyView />}
      {view === "json" && <JsonView text={body.text ?? ""} />}
      {view === "form" && <FormView text={body.text ?? ""} />}
      {view === "multipart" && <MultipartView bytes={bytes} contentType={contentType} />}
      {view === "image" && <ImageView bytes={bytes} mediaType={mediaType ?? "image/*"} />}
      {view === "text" &&
        (body.text !== null ? <TextView text={body.text} label="Body text" /> : <LenientText bytes={bytes} />)}
      {view === "binary" && <HexView bytes={bytes} />}
    </div>
  );
}

/** Text that is not valid UTF-8 or is over 1 MiB: its first 1 MiB, bad sequences shown as U+FFFD. */
function LenientText({ bytes }: { bytes: Uint8Array }) {
  const text = useMemo(() => new TextDecoder().decode(bytes.subarray(0, MAX_TEXT_BYTES)), [bytes]);
  return (
    <>
      <p className="text-zinc-700 dark:text-zinc-300">
        {bytes.length > MAX_TEXT_BYTES ? "Showing the first 1 MiB; download the body for the rest. " : ""}
        Bytes that are not valid UTF-8 show as �.
      </p>
      <TextView text={text} label="Body text" />
    </>
  );
}
