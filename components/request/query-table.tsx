import { PairsTable } from "@/components/pairs-table";

/** Query parameters in order, decoded for reading; the raw query string is shown above. */
export function QueryTable({ query }: { query: string }) {
  let pairs: [string, string][];
  try {
    pairs = [...new URLSearchParams(query)];
  } catch {
    pairs = [];
  }
  return (
    <div className="flex flex-col gap-2">
      <code className="break-all rounded bg-zinc-100 px-2 py-1 font-mono text-sm dark:bg-zinc-900">?{query}</code>
      <PairsTable caption="Query parameters, decoded" rows={pairs.map(([name, value]) => ({ name, value }))} />
    </div>
  );
}
