import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { Inspector } from "@/components/inspector/inspector";
import { baseUrlFrom } from "@/lib/api/base-url";
import { findBinForPage, toBinJson } from "@/lib/bins/service";
import { TOKEN_PATTERN } from "@/lib/ids";
import { inspectorStart, type SearchParams } from "@/lib/requests/inspector-start";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ key: string }>;
  searchParams: Promise<SearchParams>;
}

export const metadata: Metadata = { title: "Inspector — Hookscope", referrer: "no-referrer" };

export default async function InspectorPage({ params, searchParams }: Props) {
  const { key } = await params;
  if (!TOKEN_PATTERN.test(key)) notFound();
  const bin = await findBinForPage(key);
  if (!bin) notFound();
  const start = await inspectorStart(bin.id, await searchParams);
  const h = await headers();
  const base = baseUrlFrom(h, `http://${h.get("host") ?? "localhost"}`);
  return (
    <Inspector
      access={{ kind: "owner", bin: toBinJson(bin, base) }}
      firstPage={start.firstPage}
      latestSeq={start.latestSeq}
      initialFilters={start.filters}
      initialSelected={start.selected}
    />
  );
}
