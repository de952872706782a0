// Where the diff page of a bin is, from the API base the inspector works with.

/** /api/bins/{key} → /b/{key}; /api/shares/{id} → /s/{id}. */
export function pageBaseOf(api: string): string {
  return api.replace(/^\/api\/bins\//, "/b/").replace(/^\/api\/shares\//, "/s/");
}

export function diffPageUrl(pageBase: string, a: string, b: string): string {
  return `${pageBase}/diff?${new URLSearchParams({ a, b })}`;
}
