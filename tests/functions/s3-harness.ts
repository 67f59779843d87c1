/**
 * A real S3 API for the function tests: s3rver (a local S3 server writing to a temporary directory) on 127.0.0.1 with an
 * ephemeral port, and the standard AWS SDK environment pointed at it (`AWS_ENDPOINT_URL_S3`), so handlers run unchanged.
 * The SDK v3 addresses buckets by path (`http://127.0.0.1:port/bucket/key`) for an IP endpoint by itself.
 */
import * as fs from "node:fs";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3EventRecord } from "../../functions/thumbnail/core";

// s3rver ships no type declarations.
const S3rver = require("s3rver") as new (options: {
    address: string;
    port: number;
    directory: string;
    silent: boolean;
}) => {
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
};

const ENV_KEYS = ["AWS_ENDPOINT_URL_S3", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "LOG_LEVEL"] as const;

export interface LocalS3 {
    endpoint: string;
    /** A client of the tests' own, configured explicitly (it does not depend on the environment set for the handlers). */
    s3: S3Client;
    createBucket(name: string): Promise<void>;
    put(bucket: string, key: string, body: Buffer | string, contentType?: string): Promise<{ etag: string; size: number }>;
    get(bucket: string, key: string): Promise<{ body: Buffer; contentType?: string; metadata: Record<string, string> }>;
    keys(bucket: string): Promise<string[]>;
    /** Stops the server, removes its directory and restores the environment. */
    stop(): Promise<void>;
}

export async function startS3(env: Record<string, string> = {}): Promise<LocalS3> {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "s3rver-"));
    const server = new S3rver({ address: "127.0.0.1", port: 0, directory, silent: true });
    const { port } = await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
    // s3rver checks signatures against its own fixed credentials.
    Object.assign(process.env, {
        AWS_ENDPOINT_URL_S3: endpoint,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "S3RVER",
        AWS_SECRET_ACCESS_KEY: "S3RVER",
        ...env,
    });
    delete process.env.AWS_SESSION_TOKEN;
    const s3 = new S3Client({ endpoint, region: "us-east-1", credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }, forcePathStyle: true });
    return {
        endpoint,
        s3,
        async createBucket(Bucket) {
            await s3.send(new CreateBucketCommand({ Bucket }));
        },
        async put(Bucket, Key, Body, ContentType) {
            const out = await s3.send(new PutObjectCommand({ Bucket, Key, Body, ContentType }));
            return { etag: out.ETag ?? "", size: Buffer.byteLength(Body) };
        },
        async get(Bucket, Key) {
            const out = await s3.send(new GetObjectCommand({ Bucket, Key }));
            return { body: Buffer.from(await out.Body!.transformToByteArray()), contentType: out.ContentType, metadata: out.Metadata ?? {} };
        },
        async keys(Bucket) {
            const out = await s3.send(new ListObjectsV2Command({ Bucket }));
            return (out.Contents ?? []).map((o) => o.Key ?? "").sort();
        },
        async stop() {
            s3.destroy();
            await server.close();
            fs.rmSync(directory, { recursive: true, force: true });
            for (const k of ENV_KEYS) {
                if (saved[k] === undefined) delete process.env[k];
                else process.env[k] = saved[k];
            }
        },
    };
}

/** The key as S3 writes it into a notification: form encoding (a space is `+`), slashes kept. */
export function encodeEventKey(key: string): string {
    return encodeURIComponent(key).replace(/%20/g, "+").replace(/%2F/g, "/");
}

/**
 * An `ObjectCreated:Put` record in the shape S3 delivers (event version 2.1), with the fields Lambda's S3 trigger passes.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 */
export function objectCreated(bucket: string, key: string, object: { size?: number; eTag?: string; versionId?: string } = {}): S3EventRecord {
    return {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: "us-east-1",
        eventTime: "2026-11-26T02:00:00.000Z",
        eventName: "ObjectCreated:Put",
        userIdentity: { principalId: "AWS:AIDAEXAMPLE" },
        requestParameters: { sourceIPAddress: "203.0.113.10" },
        responseElements: { "x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD" },
        s3: {
            s3SchemaVersion: "1.0",
            configurationId: "thumbnails",
            bucket: { name: bucket, ownerIdentity: { principalId: "A3NL1KOZZKExample" }, arn: `arn:aws:s3:::${bucket}` },
            object: {
                key: encodeEventKey(key),
                size: object.size,
                eTag: object.eTag?.replace(/"/g, ""),
                versionId: object.versionId,
                sequencer: "0055AED6DCD90281E5",
            },
        },
    };
}
