"use client";

import { type KeyboardEvent, type ReactNode, useId, useMemo, useRef, useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { contentEncodingOf, type Detection, detectBody, utf8Text } from "@/lib/body/detect";
import { formatBytes } from "@/lib/format";
import type { RequestRecord } from "@/lib/requests/types";
import { type BodyBytes, bodyUrl, useBodyBytes } from "@/lib/swr/use-body-bytes";
import { EmptyView } from "./empty-view";
import { HexView } from "./hex-view";
import { PrettyView, type ShownBody } from "./pretty-view";
import { TextView } from "./text-view";

type Tab = "pretty" | "raw";
const TABS: { id: Tab; label: string }[] = [
  { id: "pretty", label: "Pretty" },
  { id: "raw", label: "Raw" },
];

// Links that look like components/button.tsx's default buttons.
const actionClass =
  "inline-flex shrink-0 items-center rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800";

/** A captured request's body: Pretty (the detected view) and Raw tabs, its size and type, copy and download. */
/** `api` is the API base the record came from: /api/bins/{key}, or /api/shares/{id} on a share link. */
export function BodyViewer({ api, record }: { api: string; record: RequestRecord }) {
  const [tab, setTab] = useState<Tab>("pretty");
  const initial = useMemo(
    () =>
      detectBody({
        contentType: record.contentType,
        contentEncoding: contentEncodingOf(record.headers),
        bodyText: record.bodyText,
        bodySize: record.bodySize,
      }),
    [record],
  );
  const hasBody = record.bodySize > 0;
  const pretty = useBodyBytes(
    api,
    record.id,
    initial.needsDecode,
    hasBody && (initial.needsDecode || record.bodyText === null),
  );
  // Without a decode step this is the same SWR key as above, so the bytes are fetched once.
  const raw = useBodyBytes(api, record.id, false, tab === "raw" && hasBody && record.bodyText === null);
  const shown = useMemo(() => showBody(record, initial, pretty.data), [record, initial, pretty.data]);
  const rawBytes = useMemo(() => (raw.data ? new Uint8Array(raw.data.bytes) : null), [raw.data]);
  const copyText = shown && shown.detection.view !== "image" ? shown.text : null;

  return (
    <div className="flex flex-col gap-3 text-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <BodyFacts record={record} initial={initial} shown={shown} failed={Boolean(pretty.error)} />
        <div className="flex items-center gap-2">
          {copyText !== null && copyText !== "" && (
            <CopyButton text={copyText} label="Copy body">
              Copy body
            </CopyButton>
          )}
          <a href={bodyUrl(api, record.id)} download className={actionClass}>
            Download
          </a>
          {shown && shown.decoded.length > 0 && (
            <a href={bodyUrl(api, record.id, true)} download className={actionClass}>
              Download decoded
            </a>
          )}
        </div>
      </div>
      <Tabs tab={tab} onChange={setTab}>
        {(id) =>
          id === "pretty" ? (
            shown ? (
              <PrettyView key={record.id} body={shown} contentType={record.contentType ?? ""} />
            ) : (
              <Pending error={pretty.error} decoding={initial.needsDecode} />
            )
          ) : record.bodyText !== null || !hasBody ? (
            <TextOrEmpty key={record.id} text={record.bodyText ?? ""} />
          ) : rawBytes ? (
            <HexView key={record.id} bytes={rawBytes} label="Hex dump of the body as captured" />
          ) : (
            <Pending error={raw.error} decoding={false} />
          )
        }
      </Tabs>
    </div>
  );
}

function showBody(record: RequestRecord, initial: Detection, fetched: BodyBytes | undefined): ShownBody | null {
  if (!initial.needsDecode && (record.bodyText !== null || record.bodySize === 0)) {
    const text = record.bodyText ?? "";
    const needsBytes = initial.view === "multipart" || initial.view === "image";
    return {
      detection: initial,
      text,
      bytes: needsBytes ? new TextEncoder().encode(text) : null,
      decoded: [],
      undecoded: [],
    };
  }
  if (!fetched) return null;
  const bytes = new Uint8Array(fetched.bytes);
  if (!initial.needsDecode) return { detection: initial, text: null, bytes, decoded: [], undecoded: [] };
  // The decoded bytes are a new body: detect its view again, now that its text is known.
  const text = utf8Text(bytes);
  const detection = detectBody({
    contentType: record.contentType,
    contentEncoding: null,
    bodyText: text,
    bodySize: bytes.length,
  });
  return { detection, text, bytes, decoded: fetched.decoded, undecoded: fetched.undecoded };
}

function BodyFacts(props: { record: RequestRecord; initial: Detection; shown: ShownBody | null; failed: boolean }) {
  const { record, initial, shown, failed } = props;
  const facts = [formatBytes(record.bodySize), record.contentType ?? "no Content-Type"];
  const codings = initial.codings.join(", ");
  if (initial.needsDecode) {
    if (failed) facts.push(`${codings}: could not be decoded`);
    else if (!shown) facts.push(`decoding ${codings}…`);
    else if (shown.decoded.length > 0) {
      facts.push(`decoded from ${shown.decoded.join(", ")} (${formatBytes(shown.bytes?.length ?? 0)})`);
    } else if (shown.undecoded.length > 0) {
      facts.push(`${shown.undecoded.join(", ")} encoding not decodable here; shown as stored`);
    }
  }
  return (
    <p className="min-w-0 break-words text-zinc-600 dark:text-zinc-300" data-testid="body-facts">
      {facts.map((fact, i) => (
        <span key={fact}>
          {i > 0 && <span aria-hidden="true"> · </span>}
          <span className={i === 1 ? "font-mono" : undefined}>{fact}</span>
        </span>
      ))}
    </p>
  );
}

function TextOrEmpty({ text }: { text: string }) {
  return text === "" ? <EmptyView /> : <TextView text={text} label="Raw body text" />;
}

function Pending({ error, decoding }: { error: unknown; decoding: boolean }) {
  if (!error) {
    return (
      <p role="status" className="text-zinc-600 dark:text-zinc-300">
        {decoding ? "Decoding the body…" : "Loading the body…"}
      </p>
    );
  }
  return (
    <p
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    >
      {error instanceof Error ? error.message : "The body could not be loaded."}
      {decoding && " The Raw tab shows the bytes as captured."}
    </p>
  );
}

/** ARIA tabs: arrow keys, Home and End move between tabs and select them. */
function Tabs({ tab, onChange, children }: { tab: Tab; onChange(tab: Tab): void; children(tab: Tab): ReactNode }) {
  const baseId = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = TABS.length - 1;
    const next =
      event.key === "ArrowRight"
        ? index === last
          ? 0
          : index + 1
        : event.key === "ArrowLeft"
          ? index === 0
            ? last
            : index - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    const target = next === null ? undefined : TABS[next];
    if (next === null || !target) return;
    event.preventDefault();
    onChange(target.id);
    refs.current[next]?.focus();
  };

  return (
    <div className="flex flex-col gap-3">
      <div role="tablist" aria-label="Body view" className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {TABS.map(({ id, label }, index) => {
          const selected = id === tab;
          return (
            <button
              key={id}
              ref={(el) => {
                refs.current[index] = el;
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${id}`}
              aria-selected={selected}
              aria-controls={`${baseId}-panel-${id}`}
              tabIndex={selected ? 0 : -1}
              onClick={() => onChange(id)}
              onKeyDown={(event) => onKeyDown(event, index)}
              className={`-mb-px rounded-t-md border-b-2 px-3 py-1.5 text-sm font-medium ${
                selected
                  ? "border-sky-700 text-sky-800 dark:border-sky-400 dark:text-sky-300"
                  : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-zinc-100"
              }`}
            >
              {label}
            </button>
          );
        })}
      </div>
      {TABS.map(({ id }) => (
        <div
          key={id}
          role="tabpanel"
          id={`${baseId}-panel-${id}`}
          aria-labelledby={`${baseId}-tab-${id}`}
          hidden={id !== tab}
          className="min-h-48"
        >
          {id === tab && children(id)}
        </div>
      ))}
    </div>
  );
}
