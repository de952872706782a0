"use client";

import { useMemo, useRef, useState } from "react";
import { Button } from "@/components/button";
import { hexDumpLines } from "@/lib/body/hex";
import { scrollBox } from "./text-view";

const PREVIEW_BYTES = 64 * 1024;
const MAX_BYTES = 1024 * 1024;

/** A hex dump of the first 64 KiB, or on request of the first 1 MiB. */
export function HexView({ bytes, label = "Hex dump of the body" }: { bytes: Uint8Array; label?: string }) {
  const [showAll, setShowAll] = useState(false);
  const region = useRef<HTMLElement>(null);
  const shown = Math.min(bytes.length, showAll ? MAX_BYTES : PREVIEW_BYTES);
  const dump = useMemo(() => hexDumpLines(bytes, 0, shown).join("\n"), [bytes, shown]);

  return (
    <div className="flex flex-col gap-2">
      {bytes.length > PREVIEW_BYTES && (
        <div className="flex flex-wrap items-center gap-3 text-sm text-zinc-600 dark:text-zinc-300">
          <span>
            {shown < bytes.length
              ? `Showing the first ${shown.toLocaleString("en")} of ${bytes.length.toLocaleString("en")} bytes${showAll ? "; download the body for the rest." : "."}`
              : `Showing all ${bytes.length.toLocaleString("en")} bytes.`}
          </span>
          {!showAll && (
            <Button
              onClick={() => {
                setShowAll(true);
                // The button goes away: keep the keyboard user's place on the dump.
                region.current?.focus();
              }}
            >
              {bytes.length > MAX_BYTES ? "Show the first 1 MiB" : "Show all"}
            </Button>
          )}
        </div>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard. */}
      <section ref={region} aria-label={label} tabIndex={0} className={scrollBox}>
        <pre className="font-mono text-sm leading-6 text-zinc-900 dark:text-zinc-100">{dump}</pre>
      </section>
    </div>
  );
}
