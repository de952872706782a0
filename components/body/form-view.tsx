"use client";

import { useMemo, useState } from "react";
import { Button } from "@/components/button";
import { parseUrlEncoded } from "@/lib/body/form";

const PAGE = 500;

/** A urlencoded form as a name/value table, in body order, repeated names shown as "1 of 2". */
export function FormView({ text }: { text: string }) {
  const fields = useMemo(() => parseUrlEncoded(text), [text]);
  const [limit, setLimit] = useState(PAGE);
  const occurrences = useMemo(() => numberRepeats(fields.map(([name]) => name)), [fields]);

  if (fields.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-300">The form has no fields.</p>;
  return (
    <div className="flex flex-col gap-2">
      <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Form fields, in the order sent</caption>
          <thead className="bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
            <tr>
              <th scope="col" className="w-1/3 px-3 py-2 font-medium">
                Name
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Value
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {fields.slice(0, limit).map(([name, value], i) => (
              // Fields have no identity beyond their position: duplicates are legitimate.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is static for a given body.
              <tr key={i} className="align-top">
                <th scope="row" className="px-3 py-2 font-mono font-normal text-zinc-900 dark:text-zinc-100">
                  <span className="whitespace-pre-wrap break-all">{name || <Empty />}</span>
                  {occurrences[i] && (
                    <span className="ml-2 whitespace-nowrap font-sans text-xs text-zinc-600 dark:text-zinc-300">
                      {occurrences[i]}
                    </span>
                  )}
                </th>
                <td className="whitespace-pre-wrap break-all px-3 py-2 font-mono text-zinc-900 dark:text-zinc-100">
                  {value || <Empty />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {fields.length > limit && (
        <Button onClick={() => setLimit((n) => n + PAGE * 4)} className="self-start">
          Show more fields ({(fields.length - limit).toLocaleString("en")} not shown)
        </Button>
      )}
    </div>
  );
}

function Empty() {
  return <span className="font-sans italic text-zinc-600 dark:text-zinc-300">(empty)</span>;
}

/** "2 of 3" for each name that occurs more than once, null for unique names. */
function numberRepeats(names: string[]): (string | null)[] {
  const totals = new Map<string, number>();
  for (const name of names) totals.set(name, (totals.get(name) ?? 0) + 1);
  const seen = new Map<string, number>();
  return names.map((name) => {
    const total = totals.get(name) ?? 1;
    if (total < 2) return null;
    const nth = (seen.get(name) ?? 0) + 1;
    seen.set(name, nth);
    return `${nth} of ${total}`;
  });
}
