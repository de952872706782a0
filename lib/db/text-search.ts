// Case-insensitive substring filters, in the one place that knows the provider: SQLite's LIKE
// (which Prisma's `contains` uses) already ignores ASCII case; Postgres will need mode: "insensitive".

export function containsInsensitive(text: string): { contains: string } {
  return { contains: text };
}

/** How a string appears inside a JSON document (quotes and backslashes escaped). */
export function asJsonStringContent(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
