import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { Inspector } from "@/components/inspector/inspector";
import { baseUrlFrom } from "@/lib/api/base-url";
import { inspectorStart, type SearchParams } from "@/lib/requests/inspector-start";
import { findSharedBinForPage, toSharedBinJson } from "@/lib/shares/service";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}

// No secret in the title, and none sent on as a Referer from links in captured data.
export const metadata: Metadata = { title: "Shared inspector — Hookscope", referrer: "no-referrer" };

/** /s/{id}: the inspector of a share link, read-only; it is given nothing but the shared bin's public facts. */
export default async function SharedInspectorPage({ params, searchParams }: Props) {
  const { id } = await params;
  const bin = await findSharedBinForPage(id);
  if (!bin) notFound();
  const start = await inspectorStart(bin.id, await searchParams);
  const h = await headers();
  const appUrl = baseUrlFrom(h, `http://${h.get("host") ?? "localhost"}`);
  return (
    <Inspector
      access={{ kind: "share", shareId: id, bin: toSharedBinJson(bin), appUrl }}
      firstPage={start.firstPage}
      latestSeq={start.latestSeq}
      initialFilters={start.filters}
      initialSelected={start.selected}
    />
  );
}
