// Wraps a storage's methods so that whatever a database driver throws leaves them as the errors the
// storage boundary documents (lib/storage/types.ts); each backend supplies its own translation.

export type AsyncMethods = Record<string, (...args: never[]) => Promise<unknown>>;

/** The same methods, each rejecting with translate's answer. */
export function withErrorTranslation<T extends AsyncMethods>(methods: T, translate: (err: unknown) => unknown): T {
  const guarded: AsyncMethods = {};
  for (const [name, method] of Object.entries(methods)) {
    guarded[name] = (...args) =>
      method(...args).catch((err: unknown) => {
        throw translate(err);
      });
  }
  return guarded as T;
}
