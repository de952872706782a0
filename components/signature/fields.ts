// The input styles the signature panel shares with the resend form's look.
export const field =
  "w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900";
export const labelClass = "flex flex-col gap-1 text-xs text-zinc-700 dark:text-zinc-300";
