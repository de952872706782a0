import { CreateBin } from "@/components/create-bin";
import { RecentBins } from "@/components/recent-bins";
import { ThemeToggle } from "@/components/theme-toggle";

export default function HomePage() {
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-10 px-6 py-12">
      <nav className="flex items-center justify-between" aria-label="Site">
        <span className="font-mono text-sm font-semibold text-sky-700 dark:text-sky-400">hookscope</span>
        <ThemeToggle />
      </nav>
      <header className="flex flex-col gap-3">
        <h1 className="text-4xl font-semibold tracking-tight">See exactly what a webhook sender sends.</h1>
        <p className="text-lg text-zinc-700 dark:text-zinc-300">
          Mint a capture URL, point Stripe, GitHub, Shopify or Slack at it, and watch every request arrive live, stored
          byte for byte: method, path, query, headers in arrival order, body and client address.
        </p>
      </header>
      <CreateBin />
      <RecentBins />
    </main>
  );
}
