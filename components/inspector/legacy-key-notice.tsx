"use client";

import { useState } from "react";
import { Button } from "@/components/button";

/**
 * Shown on a bin created before bins had keys: its key is its capture token, so whoever was given
 * the capture URL can open this inspector too. One click gives it a private key.
 */
export function LegacyKeyNotice({ onRotateKey }: { onRotateKey(): Promise<void> }) {
  const [dismissed, setDismissed] = useState(false);
  const [busy, setBusy] = useState(false);
  if (dismissed) return null;
  const rotate = async () => {
    setBusy(true);
    try {
      await onRotateKey();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section
      aria-label="This bin has no private key"
      className="flex flex-wrap items-center gap-3 border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="min-w-0 flex-1">
        Anyone holding this bin's capture URL can read this bin: it was created before bins had a private key. Give it
        one: this page moves to a new address, and the current one stops working. The capture URL stays the same.
      </p>
      <Button variant="primary" onClick={rotate} disabled={busy}>
        {busy ? "Rotating…" : "Give this bin a private key"}
      </Button>
      <Button onClick={() => setDismissed(true)}>Not now</Button>
    </section>
  );
}
