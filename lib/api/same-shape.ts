// Compile-time proof that an answer's TypeScript type and the zod schema of the same answer accept
// the same values. Serializers are typed with the former; the API document (lib/openapi) and the
// integration suite's answer check use the latter: a field added to one and not the other stops
// the type check, so the document cannot drift from the code.

/**
 * Every property path of a type, optional ones included ("answer.ruleId"), through arrays and
 * each member of a union. Assignability alone would let an optional field be on one side only.
 */
type Paths<T> = T extends readonly unknown[]
  ? Paths<T[number]>
  : T extends object
    ? { [K in keyof T & string]-?: K | `${K}.${Paths<NonNullable<T[K]>>}` }[keyof T & string]
    : never;

type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** True when each type is assignable to the other and both have the same property paths. */
export type SameShape<A, B> = Mutual<A, B> extends true ? Mutual<Paths<A>, Paths<B>> : false;

/** Compiles only when T is true: `Holds<SameShape<BinJson, z.infer<typeof binJsonSchema>>>`. */
export type Holds<T extends true> = T;
