import { HOP_HEADER } from "@/lib/resend/outgoing-headers.mjs";

/**
 * Shown on a request that Hookscope itself sent (a resend or forward from this server or
 * another): such a request is never forwarded again, which is what ends a forwarding loop.
 */
export function LoopNotice() {
  return (
    <p
      role="note"
      data-testid="loop-notice"
      className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
    >
      Sent by a Hookscope resend or forward (it carries <span className="font-mono">{HOP_HEADER}</span>), so it is not
      forwarded again, neither by this bin&apos;s forwarding nor by <span className="font-mono">hookscope forward</span>
      : a forwarding loop between bins or servers ends here.
    </p>
  );
}
