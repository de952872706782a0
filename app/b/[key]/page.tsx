import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { Inspector } from "@/components/inspector/inspector";
import { baseUrlFrom } from "@/lib/api/base-url";
import { findBinForPage, toBinJson } from "@/lib/bins/service";
import { ApiError } from "@/lib/errors";
import { TOKEN_PATTERN } from "@/lib/ids";
import { parseListQuery } from "@/lib/requests/list-query";
import { listRequests } from "@/lib/requests/service";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ key: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export const metadata: Metadata = { title: "Inspector — Hookscope", referrer: "no-referrer" };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function InspectorPage({ params, searchParams }: Props) {
  const { key } = await params;
  if (!TOKEN_PATTERN.test(key)) notFound();
  const bin = await findBinForPage(key);
  if (!bin) notFound();
  const sp = await searchParams;
  const filters = { method: one(sp.method), q: one(sp.q) };
  const newest = await listRequests(key, parseListQuery(new URLSearchParams({ limit: "1" })));
  let firstPage = null;
  try {
    firstPage = await listRequests(
      key,
      parseListQuery(new URLSearchParams(Object.entries(filters).filter(([, v]) => v))),
    );
  } catch (err) {
    // Filters from the address that do not parse are dropped; any other failure is the page's.
    if (!(err instanceof ApiError) || err.status !== 400) throw err;
    filters.method = "";
    filters.q = "";
  }
  const h = await headers();
  const base = baseUrlFrom(h, `http://${h.get("host") ?? "localhost"}`);
  return (
    <Inspector
      access={{ kind: "owner", bin: toBinJson(bin, base) }}
      firstPage={firstPage ?? undefined}
      latestSeq={newest.requests[0]?.seq ?? 0}
      initialFilters={filters}
      initialSelected={one(sp.r) || null}
    />
  );
}
