// The API shapes of share links, shared by the route handlers and the UI.

/** A share link as its bin's owner sees it. */
export interface ShareJson {
  id: string;
  name: string | null;
  /** `{base}/s/{id}`: the read-only inspector. */
  url: string;
  createdAt: string;
}

/** What a share link tells of its bin: nothing that sends to it, opens it or says where it forwards. */
export interface SharedBinJson {
  name: string | null;
  createdAt: string;
  lastRequestAt: string | null;
  requestCount: number;
}
