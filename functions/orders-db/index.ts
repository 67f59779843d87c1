/**
 * Lambda entry point of the orders function: Aurora PostgreSQL through RDS Proxy, an IAM auth token as the password,
 * TLS verified. Configuration: `DB_HOST` (the proxy endpoint), `DB_PORT`, `DB_NAME`, `DB_USER`, `AWS_REGION`.
 */
import { Signer } from "@aws-sdk/rds-signer";
import type { Pool } from "pg";
import { createLogger } from "../shared/log";
import { createHandler } from "./api";
import { createPool, poolSettings, settingsFromEnv, signerOptions } from "./connection";

const log = createLogger();

// Outside the handler: one pool per execution environment, reused by every invocation. A missing setting is kept
// and fails each invocation with its message (an init failure would say only that the runtime exited).
function connect(): Pool | Error {
    try {
        const s = settingsFromEnv();
        return createPool(poolSettings(s, new Signer(signerOptions(s))), log);
    } catch (e) {
        return e as Error;
    }
}

export const handler = createHandler({ db: connect(), log });
