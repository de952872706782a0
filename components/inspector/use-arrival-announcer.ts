"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { RequestSummary } from "@/lib/requests/types";

/**
 * Text for a polite live region: one message per arrival, or a count when many arrive at once,
 * so screen readers are told without being flooded.
 */
export function useArrivalAnnouncer(intervalMs = 2000) {
  const [message, setMessage] = useState("");
  const pending = useRef<RequestSummary[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const announce = useCallback(
    (summary: RequestSummary) => {
      pending.current.push(summary);
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        const batch = pending.current;
        pending.current = [];
        const first = batch[0];
        if (!first) return;
        setMessage(
          batch.length === 1 ? `New ${first.method} request to ${first.path}` : `${batch.length} new requests arrived`,
        );
      }, intervalMs);
    },
    [intervalMs],
  );

  return { message, announce };
}
