import { originForm } from "../capture/target.ts";

/**
 * A captured request-target with its capture prefix `/h/{token}` cut off: what a share link shows
 * in place of the URL, so that the bin's token is never read there. `/h/TOKEN/x?y` gives `/x?y`,
 * `/h/TOKEN?y` gives `/?y`, and an absolute-form target loses its scheme and host as well.
 */
export function subPathOf(url: string): string {
  const target = originForm(url);
  const rest = target.replace(/^\/h(?:\/[^/?#]*)?/, "");
  return rest.startsWith("/") ? rest : `/${rest}`;
}
