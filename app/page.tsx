import { headers } from "next/headers";
import Link from "next/link";
import { AllBins } from "@/components/all-bins";
import { CreateBin } from "@/components/create-bin";
import { RecentBins } from "@/components/recent-bins";
import { SignOutButton } from "@/components/signout-button";
import { ThemeToggle } from "@/components/theme-toggle";
import { signedIn } from "@/lib/access/caller";
import { accessConfig } from "@/lib/access/config";

const FEATURES: [string, string][] = [
  [
    "Capture exactly",
    "Any method, sub-path and body, headers in arrival order with duplicates: a sender's signature still verifies against what is stored.",
  ],
  [
    "Inspect live",
    "Requests appear as they arrive, with JSON, forms, multipart and binary bodies made readable, and copy as curl.",
  ],
  [
    "Replay and forward",
    "Resend any request to your own endpoint, edited or not, or forward every new one, even to localhost with the CLI.",
  ],
];

export default async function HomePage() {
  const isSignedIn = signedIn(await headers());
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-10 px-6 py-12">
      <nav className="flex items-center justify-between" aria-label="Site">
        <span className="font-mono text-sm font-semibold text-sky-700 dark:text-sky-400">hookscope</span>
        <div className="flex items-center gap-2">
          {isSignedIn && <SignOutButton />}
          <ThemeToggle />
        </div>
      </nav>
      <header className="flex flex-col gap-3">
        <h1 className="text-4xl font-semibold tracking-tight">See exactly what a webhook sender sends.</h1>
        <p className="text-lg text-zinc-700 dark:text-zinc-300">
          Mint a capture URL, point Stripe, GitHub, Shopify or Slack at it, and watch every request arrive live, stored
          byte for byte: method, path, query, headers in arrival order, body and client address.
        </p>
      </header>
      {isSignedIn || accessConfig().mode === "open" ? (
        <CreateBin />
      ) : (
        <p>
          Creating bins on this server needs an access key:{" "}
          <Link href="/signin" className="font-medium text-sky-700 underline dark:text-sky-400">
            sign in
          </Link>
          .
        </p>
      )}
      {isSignedIn ? <AllBins /> : <RecentBins />}
      <section aria-labelledby="how-heading" className="grid gap-4 sm:grid-cols-3">
        <h2 id="how-heading" className="sr-only">
          What Hookscope does
        </h2>
        {FEATURES.map(([title, text]) => (
          <div
            key={title}
            className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
          >
            <h3 className="font-semibold">{title}</h3>
            <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{text}</p>
          </div>
        ))}
      </section>
      <footer className="border-t border-zinc-200 pt-4 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
        <Link href="/docs/api" className="underline">
          API reference
        </Link>{" "}
        (OpenAPI 3.1 at{" "}
        <a href="/api/openapi.json" className="font-mono underline">
          /api/openapi.json
        </a>
        )
      </footer>
    </main>
  );
}
