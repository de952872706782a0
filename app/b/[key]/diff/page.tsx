import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DiffPage } from "@/components/diff/diff-page";
import { findBinForPage } from "@/lib/bins/service";
import { diffPageData } from "@/lib/diff/page-data";
import { TOKEN_PATTERN } from "@/lib/ids";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ key: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// The key is in this page's address: never sent on as a Referer.
export const metadata: Metadata = { title: "Compare requests — Hookscope", referrer: "no-referrer" };

/** /b/{key}/diff?a=<id>&b=<id|previous>: two requests of the bin side by side. */
export default async function BinDiffPage({ params, searchParams }: Props) {
  const { key } = await params;
  if (!TOKEN_PATTERN.test(key)) notFound();
  if (!(await findBinForPage(key))) notFound();
  const data = await diffPageData({ by: "key", key }, await searchParams);
  return <DiffPage data={data} pageBase={`/b/${key}`} api={`/api/bins/${key}`} />;
}
