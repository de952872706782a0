import { CreateBin } from "@/components/create-bin";

export default function HomePage() {
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-10 px-6 py-16">
      <header className="flex flex-col gap-3">
        <p className="font-mono text-sm text-sky-700 dark:text-sky-400">hookscope</p>
        <h1 className="text-4xl font-semibold tracking-tight">See exactly what a webhook sender sends.</h1>
        <p className="text-lg text-zinc-600 dark:text-zinc-400">
          Mint a capture URL, point Stripe, GitHub, Shopify or Slack at it, and every request is stored byte for byte:
          method, path, query, headers in arrival order, body and client address.
        </p>
      </header>
      <CreateBin />
    </main>
  );
}
