// How every answer shows a stored secret (an answer rule's signing secret, a bin's saved signature
// secret): enough to tell two apart, never enough to use.

/** Its last four characters when it is long enough to spare them. */
export function maskSecret(secret: string): string {
  return secret.length >= 12 ? `••••••${secret.slice(-4)}` : "••••••";
}
