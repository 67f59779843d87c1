/**
 * A required setting (an environment variable the entry point passes in, e.g. `TABLE_NAME`), checked once, when the
 * handler is created (once per execution environment). A missing one does not throw at init, where Lambda reports only
 * an init failure and a handler test could not build the handler: each invocation that needs it fails with
 * `<NAME> is not set` through its own error path (the items API's logged 500, the stream's failed record, the sweeper's
 * failed run).
 */
export function requiredSetting(name: string, value: string | undefined): () => string {
    if (value !== undefined && value !== "") return () => value;
    const message = `${name} is not set`;
    return () => {
        throw new Error(message);
    };
}
