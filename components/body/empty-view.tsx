export function EmptyView() {
  return <p className="text-sm text-zinc-600 dark:text-zinc-300">This request has no body (0 bytes).</p>;
}
