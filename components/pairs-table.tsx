import type { ReactNode } from "react";

export interface PairRow {
  name: ReactNode;
  value: ReactNode;
  /** A small note after the name, such as "repeated" or "2 of 3". */
  note?: string | null;
}

interface Props {
  caption: string;
  rows: PairRow[];
  /** Show each row's position (headers: arrival order matters). */
  numbered?: boolean;
}

/**
 * Name/value rows in the order they came (headers, query parameters, form fields, multipart
 * parts). Rows have no identity beyond their position: repeated names are legitimate.
 */
export function PairsTable({ caption, rows, numbered = false }: Props) {
  return (
    <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
      <table className="w-full table-fixed border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
          <tr>
            {numbered && (
              <th scope="col" className="w-10 px-3 py-2 font-medium">
                #
              </th>
            )}
            <th scope="col" className="w-1/3 px-3 py-2 font-medium">
              Name
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Value
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 font-mono dark:divide-zinc-800">
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their position.
            <tr key={i} className="align-top">
              {numbered && <td className="px-3 py-1.5 font-sans text-xs text-zinc-600 dark:text-zinc-400">{i + 1}</td>}
              <th scope="row" className="px-3 py-1.5 font-normal text-zinc-900 dark:text-zinc-100">
                <span className="whitespace-pre-wrap break-all">{row.name}</span>
                {row.note && (
                  <span className="ml-2 whitespace-nowrap rounded bg-amber-100 px-1 font-sans text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                    {row.note}
                  </span>
                )}
              </th>
              <td className="whitespace-pre-wrap break-all px-3 py-1.5 text-zinc-900 dark:text-zinc-100">
                {row.value}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
