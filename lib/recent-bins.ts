// The bins this browser created, kept in localStorage so the home page can list them. Each is
// remembered by its key (what opens it); entries saved before bins had keys hold a token, which
// is such a bin's key until the key is rotated.

const KEY = "hookscope.recentBins";
const MAX = 20;

export interface RecentBin {
  key: string;
  createdAt: string;
}

export function readRecentBins(): RecentBin[] {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? "[]") as unknown;
    if (!Array.isArray(value)) return [];
    return value.flatMap((b: { key?: unknown; token?: unknown; createdAt?: unknown } | null) => {
      const key = b?.key ?? b?.token;
      return typeof key === "string" && typeof b?.createdAt === "string" ? [{ key, createdAt: b.createdAt }] : [];
    });
  } catch {
    return [];
  }
}

function save(bins: RecentBin[]): void {
  localStorage.setItem(KEY, JSON.stringify(bins.slice(0, MAX)));
}

export function rememberBin(bin: RecentBin): void {
  save([bin, ...readRecentBins().filter((b) => b.key !== bin.key)]);
}

export function forgetRecentBin(key: string): void {
  save(readRecentBins().filter((b) => b.key !== key));
}

/** After a key rotation: the bin keeps its place in the list, under its new key. */
export function rekeyRecentBin(oldKey: string, newKey: string): void {
  save(readRecentBins().map((b) => (b.key === oldKey ? { ...b, key: newKey } : b)));
}
