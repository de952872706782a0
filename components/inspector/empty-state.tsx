import { CopyButton } from "@/components/copy-button";
import { exampleCurl } from "./inspector-header";

/** What to do when nothing has arrived yet, or nothing is selected; captureUrl is null on a share link. */
export function EmptyState({ captureUrl, hasRequests }: { captureUrl: string | null; hasRequests: boolean }) {
  if (hasRequests) {
    return (
      <div className="flex h-full items-center justify-center p-8 text-center text-sm text-zinc-600 dark:text-zinc-400">
        <p>
          Select a request to see its headers and body.
          <br />
          Keyboard: <kbd className="font-mono">j</kbd>/<kbd className="font-mono">k</kbd> or arrows to move,{" "}
          <kbd className="font-mono">Enter</kbd> to open, <kbd className="font-mono">/</kbd> to search.
        </p>
      </div>
    );
  }
  if (captureUrl === null) {
    return (
      <div className="mx-auto flex max-w-2xl flex-col gap-4 p-8">
        <h2 className="text-lg font-semibold">Waiting for the first request…</h2>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Requests sent to this bin show up here as they arrive.
        </p>
      </div>
    );
  }
  const curl = exampleCurl(captureUrl);
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4 p-8">
      <h2 className="text-lg font-semibold">Waiting for the first request…</h2>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Point a webhook sender (Stripe, GitHub, Shopify, Slack…) at the capture URL, or send one yourself. Any method,
        sub-path, query and body is stored exactly and shows up here as it arrives.
      </p>
      <div className="flex items-start gap-2">
        <code
          data-testid="empty-curl"
          className="min-w-0 flex-1 whitespace-pre-wrap break-all rounded-md bg-zinc-100 px-3 py-2 font-mono text-sm dark:bg-zinc-900"
        >
          {curl}
        </code>
        <CopyButton text={curl} label="Copy the example curl command" />
      </div>
    </div>
  );
}
