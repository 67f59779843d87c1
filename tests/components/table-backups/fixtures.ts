import { createHash } from "node:crypto";
import type { Fixtures } from "../../../components/testing";

const uuid = (seed: string) => {
    const h = createHash("sha256").update(seed).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

/**
 * AWS Backup's real identifiers (the built-in fallback would give `…:vault/<name>`): a vault's id is
 * its name and its ARN `arn:aws:backup:<region>:<account>:backup-vault:<name>`; a plan's id is a UUID
 * and its ARN `…:backup-plan:<id>`; a selection's id is a UUID.
 */
export const BACKUP_FIXTURES: Fixtures = {
    resources: {
        "aws:backup/vault:Vault": (_r, c, d) => ({
            id: d.state.name,
            state: { arn: `arn:${c.partition}:backup:${c.region}:${c.accountId}:backup-vault:${d.state.name}`, recoveryPoints: 0 },
        }),
        "aws:backup/plan:Plan": (r, c) => {
            const id = uuid(r.urn);
            return { id, state: { arn: `arn:${c.partition}:backup:${c.region}:${c.accountId}:backup-plan:${id}`, version: "1" } };
        },
        "aws:backup/selection:Selection": (r) => ({ id: uuid(r.urn) }),
    },
};
