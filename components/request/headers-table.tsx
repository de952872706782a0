import { PairsTable } from "@/components/pairs-table";
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
  const rows = headers.map(([name, value]) => ({
    name,
    value,
    note: (counts.get(name.toLowerCase()) ?? 0) > 1 ? "repeated" : null,
  }));
  return <PairsTable caption={caption} rows={rows} numbered />;
}
