/**
 * The DynamoDB document client of a function, created once per execution environment: through a DAX cluster when
 * `DAX_ENDPOINT` is set (a DaxCluster's `endpoint`, `daxs://<cluster address>`), otherwise straight to DynamoDB (the
 * endpoint, region and credentials from the standard SDK environment; `AWS_ENDPOINT_URL_DYNAMODB` lets tests point it
 * at a local server).
 *
 * Both are the full `DynamoDBDocument` client, and callers use its methods (`get`, `put`, `update`, `scan`, …):
 * `DaxDocument` refuses `send(command)` ("send operation is not supported for DAX") and middleware
 * (`@amazon-dax-sdk/lib-dax` README, "Features not in parity with DynamoDBDocument").
 *
 * Both marshal alike: DaxDocument's options are fixed (no `removeUndefinedValues`, so an `undefined` attribute
 * throws), and DynamoDB's are the same, so what passes the tests on DynamoDB passes on DAX.
 */
import type { DaxDocument } from "@amazon-dax-sdk/lib-dax";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";

/** The setting that switches a function to DAX (set by the stack from `DaxCluster.endpoint`). */
export const DAX_ENDPOINT = "DAX_ENDPOINT";

/** The document client the functions use: `DynamoDBDocument` or `DaxDocument` (which extends it). */
export type DocumentClient = DynamoDBDocument;

/**
 * The DAX client's timeouts, well inside a function's (LambdaFunction's default is 10 s): with its own defaults (connect
 * 10 s, request 60 s) an unreachable cluster held each invocation until Lambda killed it ("Task timed out", nothing
 * logged by the handler); with these the call fails in a few seconds and the API answers its logged 500. A node inside
 * the VPC answers in milliseconds, so they do not cut a healthy request short.
 */
export const DAX_TIMEOUTS = { connectTimeout: 1000, requestTimeout: 3000, maxRetryDelay: 2000 };

/** How each client is made (a test replaces them to see which one the environment selects). */
export interface DocumentClientMakers {
    dax(config: { endpoint: string; region?: string; connectTimeout: number; requestTimeout: number; maxRetryDelay: number }): DocumentClient;
    dynamodb(): DocumentClient;
}

const MAKERS: DocumentClientMakers = {
    dax: (config) => {
        // Loaded only when used: loading the DAX client removes every 'warning' listener of the process, Node's own
        // printer included (client-dax Dax.js: process.removeAllListeners('warning')), which a function without DAX keeps.
        const { DaxDocument: Dax } = require("@amazon-dax-sdk/lib-dax") as { DaxDocument: typeof DaxDocument };
        return new Dax(config);
    },
    dynamodb: () => DynamoDBDocument.from(new DynamoDBClient({})),
};

/** DAX when `DAX_ENDPOINT` is set and not empty, else DynamoDB. */
export function createDocumentClient(env: Record<string, string | undefined> = process.env, make: DocumentClientMakers = MAKERS): DocumentClient {
    const endpoint = env[DAX_ENDPOINT];
    if (endpoint === undefined || endpoint === "") return make.dynamodb();
    // The DAX client resolves the region from AWS_REGION itself, but falls back to us-east-1: pass Lambda's.
    return make.dax({ endpoint, ...DAX_TIMEOUTS, ...(env.AWS_REGION === undefined ? {} : { region: env.AWS_REGION }) });
}
