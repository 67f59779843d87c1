/** Runs `fn` with console.log and console.error captured, restoring both afterwards. */
export async function captureConsole<T>(fn: () => Promise<T>): Promise<{ result: T; stdout: string; stderr: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const log = console.log;
    const error = console.error;
    console.log = (...a: unknown[]) => void out.push(a.join(" "));
    console.error = (...a: unknown[]) => void err.push(a.join(" "));
    try {
        const result = await fn();
        return { result, stdout: out.join("\n"), stderr: err.join("\n") };
    } finally {
        console.log = log;
        console.error = error;
    }
}
