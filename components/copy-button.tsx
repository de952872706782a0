"use client";

import { useState } from "react";
import { Button } from "./button";

/** Copies text to the clipboard and says so, to sighted and screen-reader users alike. */
export function CopyButton({
  text,
  label,
  children = "Copy",
}: {
  text: string | (() => string);
  label: string;
  children?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(typeof text === "function" ? text() : text);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 1500);
  };
  return (
    <Button onClick={copy} aria-label={label}>
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : children}</span>
    </Button>
  );
}
