import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { Inspector } from "@/components/inspector/inspector";
import { baseUrlFrom } from "@/lib/api/base-url";
import { ApiError } from "@/lib/errors";
import { parseListQuery } from "@/lib/requests/list-query";
import { listBinRequests } from "@/lib/requests/service";
import { findSharedBinForPage, toSharedBinJson } from "@/lib/shares/service";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// No secret in the title, and none sent on as a Referer from links in captured data.
export const metadata: Metadata = { title: "Shared inspector — Hookscope", referrer: "no-referrer" };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** /s/{id}: the inspector of a share link, read-only; it is given nothing but the shared bin's public facts. */
export default async function SharedInspectorPage({ params, searchParams }: Props) {
  const { id } = await params;
  const bin = await findSharedBinForPage(id);
  if (!bin) notFound();
  const sp = await searchParams;
  const filters = { method: one(sp.method), q: one(sp.q) };
  const newest = await listBinRequests(bin.id, parseListQuery(new URLSearchParams({ limit: "1" })));
  let firstPage = null;
  try {
    firstPage = await listBinRequests(
      bin.id,
      parseListQuery(new URLSearchParams(Object.entries(filters).filter(([, v]) => v))),
    );
  } catch (err) {
    // Filters from the address that do not parse are dropped; any other failure is the page's.
    if (!(err instanceof ApiError) || err.status !== 400) throw err;
    filters.method = "";
    filters.q = "";
  }
  const h = await headers();
  const appUrl = baseUrlFrom(h, `http://${h.get("host") ?? "localhost"}`);
  return (
    <Inspector
      access={{ kind: "share", shareId: id, bin: toSharedBinJson(bin), appUrl }}
      firstPage={firstPage ?? undefined}
      latestSeq={newest.requests[0]?.seq ?? 0}
      initialFilters={filters}
      initialSelected={one(sp.r) || null}
    />
  );
}
