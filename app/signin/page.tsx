import type { Metadata } from "next";
import { SignInForm } from "@/components/signin-form";
import { safeNextPath } from "@/lib/access/next-path";

export const metadata: Metadata = { title: "Sign in · Hookscope" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  return (
    <main className="mx-auto flex max-w-md flex-col gap-6 px-6 py-16">
      <span className="font-mono text-sm font-semibold text-sky-700 dark:text-sky-400">hookscope</span>
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <p className="text-zinc-700 dark:text-zinc-300">
        This Hookscope is private. Sign in with one of its access keys (ACCESS_KEYS) to open and create bins.
      </p>
      <SignInForm next={safeNextPath(Array.isArray(next) ? next[0] : next)} />
    </main>
  );
}
