"use client";

import { useMemo, useState } from "react";
import { Button } from "@/components/button";
import { PairsTable } from "@/components/pairs-table";
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
      <PairsTable
        caption="Form fields, in the order sent"
        rows={fields.slice(0, limit).map(([name, value], i) => ({
          name: name || <Empty />,
          value: value || <Empty />,
          note: occurrences[i],
        }))}
      />
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
