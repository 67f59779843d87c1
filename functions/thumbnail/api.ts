/** The thumbnail handler over an injected resize step, so that the decisions (and the self-trigger guard) are testable. */
import type { Logger } from "../shared/log";
import { type Decision, type S3Event, type ThumbnailConfig, decide } from "./core";

export type Resize = (job: Extract<Decision, { action: "resize" }>) => Promise<void>;

export interface Deps {
    config: ThumbnailConfig | { errors: string[] };
    resize: Resize;
    log: Logger;
}

export function createHandler({ config, resize, log }: Deps): (event: S3Event) => Promise<{ resized: number; skipped: number }> {
    return async (event) => {
        // A configuration that could loop is refused before any record is looked at.
        if ("errors" in config) throw new Error(`thumbnail configuration: ${config.errors.join("; ")}`);
        let resized = 0;
        let skipped = 0;
        for (const record of event.Records ?? []) {
            const d = decide(record, config);
            if (d.action === "skip") {
                skipped++;
                log.log("info", "skipped", { reason: d.reason, bucket: d.bucket, key: d.key });
                continue;
            }
            await resize(d);
            resized++;
            log.log("info", "resized", { bucket: d.source.bucket, key: d.source.key, target: d.target.key, width: d.width });
        }
        return { resized, skipped };
    };
}
