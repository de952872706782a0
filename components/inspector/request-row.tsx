import { ImportedBadge } from "@/components/imported-badge";
import { MethodBadge } from "@/components/method-badge";
import { RelativeTime } from "@/components/relative-time";
import { answerDescription, answerLabel } from "@/lib/deliveries/answer-label";
import { formatBytes } from "@/lib/format";
import type { RequestSummary } from "@/lib/requests/types";

interface Props {
  request: RequestSummary;
  selected: boolean;
  unread: boolean;
}

export function RequestRow({ request, selected, unread }: Props) {
  return (
    <div className="flex w-full flex-col gap-1 text-left">
      <div className="flex items-center gap-2">
        <MethodBadge method={request.method} />
        <span className="min-w-0 flex-1 truncate font-mono text-sm" title={request.path}>
          {request.path}
          {request.query && <span className="text-zinc-600 dark:text-zinc-400">?{request.query}</span>}
        </span>
        {request.importedAt && <ImportedBadge importedAt={request.importedAt} />}
        {unread && (
          <span className="size-2 shrink-0 rounded-full bg-sky-600 dark:bg-sky-400">
            <span className="sr-only">unread</span>
          </span>
        )}
      </div>
      <div
        className={`flex items-center gap-2 pl-0.5 text-xs ${selected ? "text-zinc-700 dark:text-zinc-300" : "text-zinc-600 dark:text-zinc-400"}`}
      >
        <span className="font-mono">#{request.seq}</span>
        {request.attempt > 1 && (
          <span
            className="shrink-0 rounded bg-amber-100 px-1 font-medium text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"
            title={request.deliveryKey ?? undefined}
          >
            attempt {request.attempt}
          </span>
        )}
        {request.answer && (
          <span
            className="shrink-0 rounded border border-zinc-300 px-1 font-mono dark:border-zinc-700"
            title={answerDescription(request.answer)}
          >
            {answerLabel(request.answer)}
          </span>
        )}
        <span className="min-w-0 flex-1 truncate">{request.contentType ?? "no content type"}</span>
        <span>{formatBytes(request.bodySize)}</span>
        <RelativeTime iso={request.receivedAt} />
      </div>
    </div>
  );
}
