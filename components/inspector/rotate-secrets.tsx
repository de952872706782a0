"use client";

import { useState } from "react";
import { Button } from "@/components/button";
import { ConfirmDialog } from "@/components/confirm-dialog";
import type { BinSecret } from "./rotate-secret";

const CONFIRM: Record<BinSecret, { title: string; message: string; label: string }> = {
  key: {
    title: "Rotate the key?",
    message:
      "This inspector moves to a new address. The current inspect URL, API calls and `hookscope forward` runs using the current key stop working at once, and inspectors open on it disconnect. The capture URL keeps working.",
    label: "Rotate key",
  },
  token: {
    title: "Rotate the capture URL?",
    message:
      "Senders using the current capture URL get 404 from now on: give them the new one. Captured requests and this inspector's address stay.",
    label: "Rotate capture URL",
  },
};

/** The settings panel's two rotations, each behind a confirmation saying what stops working. */
export function RotateSecrets({ onRotate }: { onRotate(secret: BinSecret): Promise<void> }) {
  const [asking, setAsking] = useState<BinSecret | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    const secret = asking;
    setAsking(null);
    if (!secret) return;
    setBusy(true);
    try {
      await onRotate(secret);
    } finally {
      setBusy(false);
    }
  };
  const shown = CONFIRM[asking ?? "key"];
  return (
    <div className="flex flex-col gap-2 border-t border-zinc-200 pt-3 dark:border-zinc-800">
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        The capture URL lets anyone send to this bin; the key in this page's address opens it. Rotate either if it
        leaked.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" onClick={() => setAsking("key")} disabled={busy}>
          Rotate key
        </Button>
        <Button variant="danger" onClick={() => setAsking("token")} disabled={busy}>
          Rotate capture URL
        </Button>
      </div>
      <ConfirmDialog
        open={asking !== null}
        title={shown.title}
        message={shown.message}
        confirmLabel={shown.label}
        onConfirm={confirm}
        onCancel={() => setAsking(null)}
      />
    </div>
  );
}
