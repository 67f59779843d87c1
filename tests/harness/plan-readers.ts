/**
 * One mocha job for every test file that reads the repository's dev and prod plans (`stackPlan`, ./stack-plans.ts):
 * .mocharc.js lists them in AWS_PLATFORM_PLAN_READERS and gives mocha this file in their place, so they run in one
 * worker, which evaluates each stack once for all of them. Each file still runs alone as before
 * (`npx mocha tests/stacks/policy.test.ts`).
 */
import * as path from "node:path";

const listed = process.env.AWS_PLATFORM_PLAN_READERS;
if (listed === undefined) throw new Error("tests/harness/plan-readers.ts runs under .mocharc.js, which lists the files it loads (AWS_PLATFORM_PLAN_READERS)");
for (const file of JSON.parse(listed) as string[]) require(path.resolve(file));
