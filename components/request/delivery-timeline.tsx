"use client";

import { answerDescription, answerLabel } from "@/lib/deliveries/answer-label";
import type { Delivery } from "@/lib/deliveries/types";
import { formatAbsolute, formatGap } from "@/lib/format";
import { useDeliveries } from "@/lib/swr/use-deliveries";

interface Props {
  api: string;
  /** The request shown: its own delivery is marked, not linked. */
  id: string;
  onOpen(id: string): void;
}

/** Every delivery of the request's event, oldest first, with the gap since the one before. */
export function DeliveryTimeline({ api, id, onOpen }: Props) {
  const { data, error } = useDeliveries(api, id);
  if (error) {
    return (
      <p role="alert" className="text-sm text-rose-800 dark:text-rose-300">
        {(error as Error).message}
      </p>
    );
  }
  if (!data) return <p className="text-sm text-zinc-600 dark:text-zinc-400">Loading deliveries…</p>;
  const first = data.deliveries[0];
  return (
    <div className="flex flex-col gap-2 text-sm">
      {first && first.id !== id && (
        <p>
          First delivery:{" "}
          <DeliveryLink delivery={first} onOpen={onOpen}>
            #{first.seq}, {formatAbsolute(first.receivedAt)}
          </DeliveryLink>
        </p>
      )}
      <ol aria-label="Deliveries of this event" className="flex flex-col">
        {data.deliveries.map((delivery) => (
          <li
            key={delivery.id}
            data-testid="delivery"
            aria-current={delivery.id === id ? "true" : undefined}
            className="grid grid-cols-[5rem_1fr_auto] items-baseline gap-x-3 border-l-2 border-zinc-300 py-1 pl-3 aria-[current]:border-sky-600 dark:border-zinc-700 dark:aria-[current]:border-sky-400"
          >
            <span className="font-medium">attempt {delivery.attempt}</span>
            <span className="min-w-0">
              {delivery.id === id ? (
                <span>
                  #{delivery.seq} (this request), {formatAbsolute(delivery.receivedAt)}
                </span>
              ) : (
                <DeliveryLink delivery={delivery} onOpen={onOpen}>
                  #{delivery.seq}, {formatAbsolute(delivery.receivedAt)}
                </DeliveryLink>
              )}
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                {delivery.gapMs === null ? "first delivery" : `${formatGap(delivery.gapMs)} after the previous one`}
              </span>
            </span>
            <AnswerCell delivery={delivery} />
          </li>
        ))}
      </ol>
      {data.total > data.deliveries.length && (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {data.total - data.deliveries.length} later deliveries are not listed (TIMELINE_MAX_DELIVERIES).
        </p>
      )}
    </div>
  );
}

function DeliveryLink({
  delivery,
  onOpen,
  children,
}: {
  delivery: Delivery;
  onOpen(id: string): void;
  children: React.ReactNode;
}) {
  return (
    <a
      href={`?r=${encodeURIComponent(delivery.id)}`}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        onOpen(delivery.id);
      }}
      className="text-sky-700 underline underline-offset-2 hover:text-sky-900 dark:text-sky-400 dark:hover:text-sky-300"
    >
      {children}
    </a>
  );
}

function AnswerCell({ delivery }: { delivery: Delivery }) {
  if (!delivery.answer) return <span className="text-xs text-zinc-600 dark:text-zinc-400">answer not recorded</span>;
  return (
    <span className="font-mono text-xs" title={answerDescription(delivery.answer)}>
      {answerLabel(delivery.answer)}
      <span className="sr-only">, {answerDescription(delivery.answer)}</span>
    </span>
  );
}
