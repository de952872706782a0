import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DiffPage } from "@/components/diff/diff-page";
import { diffPageData } from "@/lib/diff/page-data";
import { findSharedBinForPage } from "@/lib/shares/service";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// No secret in the title, and none sent on as a Referer.
export const metadata: Metadata = { title: "Compare shared requests — Hookscope", referrer: "no-referrer" };

/** /s/{id}/diff?a=<id>&b=<id|previous>: the diff of a share link, read-only like the rest of it. */
export default async function SharedDiffPage({ params, searchParams }: Props) {
  const { id } = await params;
  if (!(await findSharedBinForPage(id))) notFound();
  const data = await diffPageData({ by: "share", id }, await searchParams);
  return <DiffPage data={data} pageBase={`/s/${id}`} api={`/api/shares/${id}`} />;
}
