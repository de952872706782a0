// Reads an application/x-www-form-urlencoded body for display.

export type FormField = [name: string, value: string];

/** The fields in body order, duplicates kept, decoded as a browser's URLSearchParams decodes them. */
export function parseUrlEncoded(body: string): FormField[] {
  return [...new URLSearchParams(body)];
}
