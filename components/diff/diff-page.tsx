import Link from "next/link";
import { diffPageUrl } from "@/lib/diff/links";
import type { DiffPageData } from "@/lib/diff/page-data";
import { CompareForm } from "./compare-form";
import { DiffView } from "./diff-view";

interface Props {
  data: DiffPageData;
  /** The inspector's address: /b/{key}, or /s/{id} on a share link. */
  pageBase: string;
  /** The API base: /api/bins/{key}, or /api/shares/{id}. */
  api: string;
}

/** The page that compares two requests of a bin: how to get back, what to compare with, the comparison. */
export function DiffPage({ data, pageBase, api }: Props) {
  const a = data.ok ? data.diff.a.id : data.a;
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-4 p-4 md:p-6">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h1 className="text-lg font-semibold">Compare two requests</h1>
        <nav className="flex flex-wrap gap-3 text-sm">
          <Link
            className="text-sky-700 underline dark:text-sky-400"
            href={a ? `${pageBase}?r=${encodeURIComponent(a)}` : pageBase}
          >
            Back to the inspector
          </Link>
          {data.ok && (
            <Link
              className="text-sky-700 underline dark:text-sky-400"
              href={diffPageUrl(pageBase, data.diff.b.id, data.diff.a.id)}
            >
              Swap A and B
            </Link>
          )}
        </nav>
      </header>
      {a && (
        <details className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
          <summary className="cursor-pointer text-sm">Compare A with another request</summary>
          <div className="mt-2 max-w-xl">
            <CompareForm api={api} id={a} defaultB={data.ok ? data.b : undefined} />
          </div>
        </details>
      )}
      {data.ok ? (
        <DiffView diff={data.diff} />
      ) : (
        <p role="alert" className="text-sm text-rose-800 dark:text-rose-300">
          {data.message}
        </p>
      )}
    </main>
  );
}
