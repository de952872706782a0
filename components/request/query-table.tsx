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
      <table className="w-full table-fixed border-collapse text-sm">
        <caption className="sr-only">Query parameters, decoded</caption>
        <thead className="text-left text-xs text-zinc-600 dark:text-zinc-400">
          <tr>
            <th scope="col" className="w-1/3 py-1 pr-3 font-medium">
              Name
            </th>
            <th scope="col" className="py-1 font-medium">
              Value (decoded)
            </th>
          </tr>
        </thead>
        <tbody className="font-mono">
          {pairs.map(([name, value], i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: parameters repeat; their position is their identity.
            <tr key={i} className="border-t border-zinc-200 align-top dark:border-zinc-800">
              <th scope="row" className="break-words py-1.5 pr-3 text-left font-medium">
                {name}
              </th>
              <td className="whitespace-pre-wrap break-all py-1.5">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
