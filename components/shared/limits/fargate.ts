/**
 * Valid Fargate task sizes: CPU units → allowed memory (MiB).
 * Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
 */
function range(from: number, to: number, step: number): number[] {
    const out: number[] = [];
    for (let v = from; v <= to; v += step) out.push(v);
    return out;
}

export const FARGATE_TASK_SIZES: Readonly<Record<number, readonly number[]>> = {
    256: [512, 1024, 2048],
    512: range(1024, 4096, 1024),
    1024: range(2048, 8192, 1024),
    2048: range(4096, 16384, 1024),
    4096: range(8192, 30720, 1024),
    8192: range(16384, 61440, 4096),
    16384: range(32768, 122880, 8192),
};

export const FARGATE_CPU_VALUES = Object.keys(FARGATE_TASK_SIZES).map(Number);

/** Describes the allowed memory for a CPU value the way an error message needs it. */
export function describeFargateMemory(cpu: number): string {
    const mem = FARGATE_TASK_SIZES[cpu];
    if (!mem) return `cpu must be one of ${FARGATE_CPU_VALUES.join(", ")}`;
    return mem.length <= 4 ? mem.join(", ") : `${mem[0]} to ${mem[mem.length - 1]} in steps of ${mem[1] - mem[0]}`;
}

/** EFS volumes on Fargate need platform version 1.4.0 or later (LATEST is 1.4.0+). */
export const FARGATE_EFS_MIN_PLATFORM = "1.4.0";
