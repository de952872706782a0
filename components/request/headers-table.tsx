import type { HeaderPair } from "@/lib/capture/headers";

/** Every header in arrival order, original case; repeated names are marked. */
export function HeadersTable({
  headers,
  caption = "Request headers in arrival order",
}: {
  headers: HeaderPair[];
  caption?: string;
}) {
  const counts = new Map<string, number>();
  for (const [name] of headers) counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
  return (
    <table className="w-full table-fixed border-collapse text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-left text-xs text-zinc-600 dark:text-zinc-400">
        <tr>
          <th scope="col" className="w-8 py-1 pr-2 font-medium">
            #
          </th>
          <th scope="col" className="w-1/3 py-1 pr-3 font-medium">
            Name
          </th>
          <th scope="col" className="py-1 font-medium">
            Value
          </th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {headers.map(([name, value], i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: headers repeat; their position is their identity.
          <tr key={i} className="border-t border-zinc-200 align-top dark:border-zinc-800">
            <td className="py-1.5 pr-2 text-xs text-zinc-600 dark:text-zinc-400">{i + 1}</td>
            <th scope="row" className="break-words py-1.5 pr-3 text-left font-medium">
              {name}
              {(counts.get(name.toLowerCase()) ?? 0) > 1 && (
                <span className="ml-2 rounded bg-amber-100 px-1 font-sans text-xs font-normal text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                  repeated
                </span>
              )}
            </th>
            <td className="whitespace-pre-wrap break-all py-1.5">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
