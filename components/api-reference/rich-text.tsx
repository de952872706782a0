// The document's descriptions use `code` and **bold** only: shown as such, everything else as text.
import { Fragment } from "react";

export function RichText({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g);
  return (
    <>
      {parts.map((part, i) => {
        const key = `${i}:${part}`;
        if (part.startsWith("`") && part.endsWith("`") && part.length > 1) {
          return (
            <code key={key} className="rounded bg-zinc-100 px-1 font-mono text-[0.85em] dark:bg-zinc-800">
              {part.slice(1, -1)}
            </code>
          );
        }
        if (part.startsWith("**") && part.endsWith("**") && part.length > 3) {
          return <strong key={key}>{part.slice(2, -2)}</strong>;
        }
        return <Fragment key={key}>{part}</Fragment>;
      })}
    </>
  );
}

/** Paragraphs separated by blank lines. */
export function Paragraphs({ text, className }: { text: string; className?: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((paragraph) => paragraph.trim() !== "")
        .map((paragraph) => (
          <p key={paragraph} className={className}>
            <RichText text={paragraph.replace(/\n/g, " ")} />
          </p>
        ))}
    </>
  );
}
