// Compile-time proof that an answer's TypeScript type and the zod schema of the same answer accept
// the same values. Serializers are typed with the former; the API document (lib/openapi) and the
// integration suite's answer check use the latter: a field added to one and not the other stops
// the type check, so the document cannot drift from the code.

/** True when each type is assignable to the other. */
export type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Compiles only when T is true: `Holds<SameShape<BinJson, z.infer<typeof binJsonSchema>>>`. */
export type Holds<T extends true> = T;
