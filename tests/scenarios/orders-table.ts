/**
 * An orders table used alone, through the public API: a global table (a replica in eu-west-1) in
 * provisioned mode with auto scaling on the table and its status index, TTL, point-in-time recovery,
 * data protection, and a role of another program's function granted read/write on items only.
 */
import * as iam from "@pulumi/aws/iam";
import { Table } from "../../components";
import { assumeRolePolicy, policyJson } from "../../components/shared/iam";

export function program() {
    const orders = new Table("orders", {
        attributes: { pk: "S", sk: "S", status: "S", createdAt: "N" },
        partitionKey: "pk",
        sortKey: "sk",
        globalIndexes: { byStatus: { partitionKey: "status", sortKey: "createdAt", projection: "KEYS_ONLY", readCapacity: 5, writeCapacity: 5 } },
        billingMode: "PROVISIONED",
        readCapacity: 5,
        writeCapacity: 5,
        autoScaling: { read: { minCapacity: 5, maxCapacity: 200 }, write: { minCapacity: 5, maxCapacity: 100 } },
        ttlAttribute: "expiresAt",
        pointInTimeRecovery: true,
        deletionProtection: true,
        protectData: true,
        replicaRegions: ["eu-west-1"],
    });
    const role = new iam.Role("orders-api", { assumeRolePolicy: assumeRolePolicy("lambda.amazonaws.com") });
    new iam.RolePolicy("orders-api-items", { role: role.id, policy: policyJson(orders.grantStatements("readwrite")) });
    return { tableName: orders.tableName, streamArn: orders.streamArn! };
}
