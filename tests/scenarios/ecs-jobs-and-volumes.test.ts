import * as assert from "node:assert";
import { build, json, unwrap } from "../../components/testing";
import * as jobs from "./ecs-jobs-and-volumes";

describe("scenarios", () => {
    it("ecs-jobs-and-volumes: EBS scratch per task, FireLens to Firehose, a migration on demand, a report fanned out to five tasks", async () => {
        const { registry, result } = await build(() => jobs.program());
        const service = registry.one("aws:ecs/service:Service", "jobs-ingest");
        assert.equal(service.inputs.volumeConfiguration.managedEbsVolume.encrypted, true);
        const defs = json<any[]>(registry.one("aws:ecs/taskDefinition:TaskDefinition", "jobs-ingest-task").inputs.containerDefinitions);
        assert.deepEqual(
            defs.map((d) => d.name),
            ["ingest", "log_router"],
        );
        assert.equal(registry.one("aws:scheduler/schedule:Schedule").inputs.target.ecsParameters.taskCount, 5);
        assert.equal(registry.ofType("aws:ecs/service:Service").length, 1, "the migration is no service");
        assert.match(await unwrap(result.migrateCommand), /^aws ecs run-task --cluster \S+ --task-definition jobs-migrate-[0-9a-f]{7} /);
    });
});
