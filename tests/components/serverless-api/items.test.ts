import * as assert from "node:assert";
import * as fs from "node:fs";
import { ServerlessApi } from "../../../components/serverless-api";
import { bundle } from "../../../components/shared/bundle";
import { Table } from "../../../components/table";
import { Registry, build, json, unwrap } from "../../../components/testing";

const ITEMS_ENTRY = "functions/items/index.ts";
/** What functions/items/api.ts sends: GetCommand, PutCommand, UpdateCommand (a delete writes a tombstone), ScanCommand. */
const ITEMS_ACTIONS = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:UpdateItem"];

/** The items API as the stacks will build it: the table, and the API whose function may use that table only. */
function itemsApi(): { table: Table; api: ServerlessApi } {
    const table = new Table("items", { attributes: { id: "S" }, partitionKey: "id" });
    const api = new ServerlessApi("items-api", {
        functions: {
            items: {
                entry: ITEMS_ENTRY,
                environment: { TABLE_NAME: table.tableName },
                // Narrower than grantStatements("readwrite"): the handler neither queries nor batches.
                statements: [{ Sid: "Items", Effect: "Allow", Action: ITEMS_ACTIONS, Resource: table.tableArn }],
            },
        },
        routes: {
            "GET /items": { function: "items" },
            "POST /items": { function: "items" },
            "GET /items/{id}": { function: "items" },
            "PUT /items/{id}": { function: "items" },
            "DELETE /items/{id}": { function: "items" },
        },
    });
    return { table, api };
}

describe("ServerlessApi with the items function and its table", () => {
    let registry: Registry;
    let result: { table: Table; api: ServerlessApi };
    before(async () => {
        ({ registry, result } = await build(itemsApi));
    });

    it("runs the bundled functions/items handler", () => {
        assert.ok(fs.existsSync(ITEMS_ENTRY));
        const fn = registry.one("aws:lambda/function:Function", "items-api-items-function");
        assert.equal(fn.inputs.code.assets["index.js"].text, bundle(ITEMS_ENTRY).code);
        assert.equal(fn.inputs.handler, "index.handler");
    });

    it("tells the function its table's name", async () => {
        const fn = registry.one("aws:lambda/function:Function", "items-api-items-function");
        assert.equal(fn.inputs.environment.variables.TABLE_NAME, await unwrap(result.table.tableName));
    });

    it("grants the function exactly the item actions the handler uses, on that table only", async () => {
        const tableArn = await unwrap(result.table.tableArn);
        const own = registry.policiesOf("items-api-items-role").find((p) => p.name === "own");
        assert.ok(own);
        assert.deepEqual(json(own.policy).Statement, [{ Sid: "Items", Effect: "Allow", Action: ITEMS_ACTIONS, Resource: tableArn }]);
        assert.match(tableArn, /^arn:aws:dynamodb:us-east-1:123456789012:table\//);
    });

    it("grants exactly the DynamoDB actions of the document-client calls functions/items/api.ts makes", () => {
        // The handler calls the full client's methods (db.get, db.put, …): DAX's DaxDocument refuses send(command).
        const source = fs.readFileSync("functions/items/api.ts", "utf8");
        const action: Record<string, string> = { get: "GetItem", put: "PutItem", update: "UpdateItem", delete: "DeleteItem", scan: "Scan", query: "Query" };
        const calls = [...new Set([...source.matchAll(/\bdb\.(\w+)\(/g)].map((m) => m[1]))];
        assert.ok(calls.length > 0, "no document-client call found in functions/items/api.ts");
        assert.deepEqual(calls.map((c) => `dynamodb:${action[c] ?? c}`).sort(), [...ITEMS_ACTIONS].sort());
    });

    it("routes the five item operations to the one integration", () => {
        const integration = registry.one("aws:apigatewayv2/integration:Integration");
        const routes = registry.ofType("aws:apigatewayv2/route:Route");
        assert.equal(routes.length, 5);
        for (const r of routes) assert.equal(r.inputs.target, `integrations/${integration.id}`, r.name);
    });

    it("outputs a URL ending in / (the $default stage)", async () => {
        assert.match(await unwrap(result.api.url), /^https:\/\/[0-9a-f]{10}\.execute-api\.us-east-1\.amazonaws\.com\/$/);
    });
});
