// The languages a request can be copied as, in the order the "Copy as…" menu lists them.
export const SNIPPET_TARGETS = [
  { id: "curl", label: "curl" },
  { id: "httpie", label: "HTTPie" },
  { id: "fetch", label: "JavaScript fetch" },
  { id: "node", label: "Node.js fetch" },
  { id: "python", label: "Python requests" },
  { id: "go", label: "Go net/http" },
] as const;

export type SnippetTarget = (typeof SNIPPET_TARGETS)[number]["id"];
