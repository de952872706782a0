// The bins this browser created, kept in localStorage so the home page can list them.

const KEY = "hookscope.recentBins";
const MAX = 20;

export interface RecentBin {
  token: string;
  createdAt: string;
}

export function readRecentBins(): RecentBin[] {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? "[]") as unknown;
    if (!Array.isArray(value)) return [];
    return value.filter((b): b is RecentBin => typeof b?.token === "string" && typeof b?.createdAt === "string");
  } catch {
    return [];
  }
}

export function rememberBin(bin: RecentBin): void {
  const rest = readRecentBins().filter((b) => b.token !== bin.token);
  localStorage.setItem(KEY, JSON.stringify([bin, ...rest].slice(0, MAX)));
}

export function forgetRecentBin(token: string): void {
  localStorage.setItem(KEY, JSON.stringify(readRecentBins().filter((b) => b.token !== token)));
}
