/**
 * `defaults` overlaid with the fields of `given` that are set. Unlike `{ ...defaults, ...given }`, a
 * field given as `undefined` keeps its default (so `{ retries: undefined }` from a spread of
 * optional config does not erase it), while `0`, `false` and `""` are kept as given.
 */
export function withDefaults<D extends object, G extends object>(defaults: D, given: G | undefined): D & G {
    const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
    for (const [k, v] of Object.entries(given ?? {})) if (v !== undefined) out[k] = v;
    return out as D & G;
}

/** A record with `f` applied to each value (and its key); `undefined` gives `{}`. Keys keep their order. */
export const mapValues = <A, B>(rec: Record<string, A> | undefined, f: (v: A, k: string) => B): Record<string, B> =>
    Object.fromEntries(Object.entries(rec ?? {}).map(([k, v]) => [k, f(v, k)]));
