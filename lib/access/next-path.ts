// Where the sign-in page sends the browser afterwards: a path on this site only, so that a link to
// /signin?next=… cannot send someone elsewhere once they have signed in.

export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
