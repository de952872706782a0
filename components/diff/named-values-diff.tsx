import type { NamedValuesDiff as Entry } from "@/lib/diff/types";
import { CollapsedUnchanged } from "./collapsed-unchanged";
import { Absent, DiffEntry } from "./diff-entry";

/** Query parameters or headers, name by name: the changed ones first, the unchanged folded. */
export function NamedValuesDiff({ entries, what }: { entries: Entry[]; what: string }) {
  if (entries.length === 0)
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">Neither request has {what}.</p>;
  const changed = entries.filter((entry) => entry.change !== null);
  const unchanged = entries.filter((entry) => entry.change === null);
  return (
    <div className="flex flex-col gap-2">
      {changed.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No difference in the {what}.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {changed.map((entry) => (
            <Row key={entry.name} entry={entry} />
          ))}
        </ul>
      )}
      <CollapsedUnchanged count={unchanged.length} what={what}>
        {unchanged.map((entry) => (
          <Row key={entry.name} entry={entry} />
        ))}
      </CollapsedUnchanged>
    </div>
  );
}

function Row({ entry }: { entry: Entry }) {
  return (
    <DiffEntry name={entry.name} kind={entry.change} a={<Values values={entry.a} />} b={<Values values={entry.b} />} />
  );
}

/** One value per line; a repeated name shows each of its values in order. */
function Values({ values }: { values: string[] }) {
  if (values.length === 0) return <Absent />;
  return values.join("\n");
}
