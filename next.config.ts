import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/client"],
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
