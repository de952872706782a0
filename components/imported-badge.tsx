/** Marks a request that came from a file (a HAR import), not from a sender. */
export function ImportedBadge({ importedAt }: { importedAt: string }) {
  return (
    <span
      title={`Imported from a HAR file on ${importedAt}`}
      className="shrink-0 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200"
    >
      imported
    </span>
  );
}
