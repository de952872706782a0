import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Hookscope — inspect and replay webhooks",
  description: "Capture every webhook request exactly, inspect it live, and replay it against your own endpoint.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Sets the theme class before the first paint, so a dark page never flashes light. */}
        <script src="/theme-init.js" />
      </head>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
