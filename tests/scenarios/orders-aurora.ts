/**
 * Lambda → RDS Proxy → Aurora Serverless v2, through the public API: a network, a protected production database
 * with a reader and the proxy in front, and a function in the private subnets that connects as the master user with
 * an IAM token (the environment and the grant `functions/orders-db` needs).
 */
import * as path from "node:path";
import { Database, LambdaFunction, Network } from "../../components";

/** Any bundled handler serves here: the scenario is about the wiring, functions/orders-db about the code. */
const ENTRY = path.join(__dirname, "../components/lambda-function/fixtures/handler.ts");

export function program() {
    const network = new Network("main", { cidrBlock: "10.0.0.0/16", availabilityZones: 2 });
    const db = new Database("orders", {
        vpc: { vpcId: network.vpcId, subnetIds: network.privateSubnetIds },
        capacity: { minAcu: 0.5, maxAcu: 8 },
        readers: 1,
        deletionProtection: true,
        protectData: true,
    });
    const fn = new LambdaFunction("orders-db", {
        entry: ENTRY,
        vpc: { subnetIds: network.privateSubnetIds, securityGroupIds: [db.clientSecurityGroupId] },
        environment: db.connectionEnvironment(),
        statements: db.connectStatements(),
    });
    return { db, fn };
}
