// Plain JavaScript on purpose: Next compiles a next.config.ts with its native SWC binding on
// every start, and that binding (about 25 MiB) then stays loaded in the production server.

const production = process.env.NODE_ENV === "production";

// Next's streamed page data arrives as inline scripts, hence 'unsafe-inline' for scripts; eval is
// never allowed in production. Captured data is only ever rendered as text.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${production ? "" : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** @type {import("next").NextConfig} */
const nextConfig = {
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/client"],
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  // Route modules load when first requested instead of all at start: an idle server keeps only
  // the routes it has served in memory.
  experimental: { preloadEntriesOnStart: false },
  // Browsers ask for /favicon.ico whatever the page links; the app's icon is app/icon.svg.
  async redirects() {
    return [{ source: "/favicon.ico", destination: "/icon.svg", permanent: true }];
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: contentSecurityPolicy },
          { key: "X-Content-Type-Options", value: "nosniff" },
          // Bin tokens are secrets and appear in page URLs: never send them on as a referrer.
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
