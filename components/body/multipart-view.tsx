"use client";

import { useEffect, useState } from "react";
import { PairsTable } from "@/components/pairs-table";
import { utf8Text } from "@/lib/body/detect";
import { revealInvisible, safeDownloadName } from "@/lib/body/filename";
import { HexView } from "./hex-view";
import { TextView } from "./text-view";

type Part =
  | { kind: "field"; name: string; value: string }
  | { kind: "file"; name: string; filename: string; type: string; size: number; url: string };

type State = { kind: "parsing" } | { kind: "parsed"; parts: Part[] } | { kind: "failed" };

/** A multipart/form-data body, parsed by the browser's own multipart parser. */
export function MultipartView({ bytes, contentType }: { bytes: Uint8Array<ArrayBuffer>; contentType: string }) {
  const [state, setState] = useState<State>({ kind: "parsing" });

  useEffect(() => {
    let cancelled = false;
    const urls: string[] = [];
    setState({ kind: "parsing" });
    new Response(bytes, { headers: { "content-type": contentType } })
      .formData()
      .then((form) => {
        if (cancelled) return;
        const parts = [...form.entries()].map(([name, value]): Part => {
          if (typeof value === "string") return { kind: "field", name, value };
          // Served as opaque bytes so that opening the link can never render the part in this origin.
          const url = URL.createObjectURL(new Blob([value], { type: "application/octet-stream" }));
          urls.push(url);
          return { kind: "file", name, filename: value.name, type: value.type, size: value.size, url };
        });
        setState({ kind: "parsed", parts });
      })
      // Browsers give no useful reason (Chrome says "Failed to fetch"), so none is shown.
      .catch(() => {
        if (!cancelled) setState({ kind: "failed" });
      });
    return () => {
      cancelled = true;
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [bytes, contentType]);

  if (state.kind === "parsing") return <p className="text-sm text-zinc-600 dark:text-zinc-300">Reading the parts…</p>;
  if (state.kind === "failed") return <Unparsed bytes={bytes} />;
  if (state.parts.length === 0)
    return <p className="text-sm text-zinc-600 dark:text-zinc-300">The form has no parts.</p>;
  return <PartsTable parts={state.parts} />;
}

function PartsTable({ parts }: { parts: Part[] }) {
  return (
    <PairsTable
      caption="Multipart form parts, in the order sent"
      rows={parts.map((part) => ({
        name: part.name,
        value: part.kind === "field" ? part.value : <FilePart part={part} />,
      }))}
    />
  );
}

function FilePart({ part }: { part: Extract<Part, { kind: "file" }> }) {
  // The sender chose the name: shown as sent (invisible characters written out), downloaded made safe.
  const filename = safeDownloadName(part.filename, `${part.name || "part"}.bin`);
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <span className="break-all font-mono">{part.filename ? revealInvisible(part.filename) : "(no filename)"}</span>
      <span className="text-zinc-600 dark:text-zinc-300">
        {part.type || "no type"}, {part.size.toLocaleString("en")} bytes
      </span>
      <a
        href={part.url}
        download={filename}
        className="font-medium text-sky-700 underline hover:text-sky-800 dark:text-sky-400 dark:hover:text-sky-300"
      >
        Download<span className="sr-only"> {filename}</span>
      </a>
    </div>
  );
}

function Unparsed({ bytes }: { bytes: Uint8Array }) {
  const text = utf8Text(bytes);
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        The body does not parse as multipart/form-data with the boundary its Content-Type declares. It is shown raw
        below.
      </p>
      {text !== null ? <TextView text={text} label="Body text" /> : <HexView bytes={bytes} />}
    </div>
  );
}
