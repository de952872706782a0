import type { ReactNode } from "react";
import type { FieldDiff, RequestDiff } from "@/lib/diff/types";
import { formatAbsolute } from "@/lib/format";
import { BodyDiff } from "./body-diff";
import { CollapsedUnchanged } from "./collapsed-unchanged";
import { DiffEntry } from "./diff-entry";
import { NamedValuesDiff } from "./named-values-diff";

/**
 * Two requests side by side: the request line, the query, the headers and the body, each change
 * marked in colour and in words. Everything captured is rendered as text.
 */
export function DiffView({ diff }: { diff: RequestDiff }) {
  const line = [
    { name: "Method", field: diff.method },
    { name: "Path", field: diff.path },
  ];
  const changedLine = line.filter(({ field }) => field.changed);
  const unchangedLine = line.filter(({ field }) => !field.changed);
  return (
    <div className="flex flex-col gap-5">
      <div className="hidden gap-2 px-3 text-sm font-semibold md:grid md:grid-cols-2">
        <SideTitle label="A" side={diff.a} />
        <SideTitle label="B" side={diff.b} />
      </div>
      <div className="flex flex-col gap-1 text-sm md:hidden">
        <SideTitle label="A" side={diff.a} />
        <SideTitle label="B" side={diff.b} />
      </div>
      <DiffSection title="Request line">
        {changedLine.length > 0 && (
          <ul className="flex flex-col gap-2">
            {changedLine.map(({ name, field }) => (
              <LineEntry key={name} name={name} field={field} />
            ))}
          </ul>
        )}
        <CollapsedUnchanged count={unchangedLine.length} what="request-line fields">
          {unchangedLine.map(({ name, field }) => (
            <LineEntry key={name} name={name} field={field} />
          ))}
        </CollapsedUnchanged>
      </DiffSection>
      <DiffSection title="Query parameters">
        <NamedValuesDiff entries={diff.query} what="query parameters" />
      </DiffSection>
      <DiffSection title="Headers">
        <NamedValuesDiff entries={diff.headers} what="headers" />
      </DiffSection>
      <DiffSection title="Body">
        <BodyDiff body={diff.body} />
      </DiffSection>
    </div>
  );
}

function SideTitle({ label, side }: { label: string; side: RequestDiff["a"] }) {
  return (
    <p>
      {label}: request #{side.seq} <span className="font-normal">received {formatAbsolute(side.receivedAt)}</span>
    </p>
  );
}

function LineEntry({ name, field }: { name: string; field: FieldDiff }) {
  return <DiffEntry name={name} kind={field.changed ? "changed" : null} a={field.a} b={field.b} />;
}

function DiffSection({ title, children }: { title: string; children: ReactNode }) {
  const id = `diff-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 border-t border-zinc-200 pt-4 dark:border-zinc-800">
      <h2 id={id} className="text-sm font-semibold text-zinc-800 dark:text-zinc-200">
        {title}
      </h2>
      {children}
    </section>
  );
}
