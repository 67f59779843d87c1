import * as assert from "node:assert";
import { build, unwrap } from "../../components/testing";
import * as eventDriven from "./event-driven";

describe("scenarios", () => {
    it("event-driven: a stream processor, a nightly schedule and the thumbnail pipeline, through the public API", async () => {
        // The scheduled job's own code is another module's: any bundling entry stands in for it here.
        const { registry, result } = await build(() => eventDriven.program("functions/stream/index.ts"));
        assert.equal(registry.ofType("aws:lambda/eventSourceMapping:EventSourceMapping").length, 1);
        assert.equal(registry.ofType("aws:scheduler/schedule:Schedule").length, 1);
        assert.equal(registry.ofType("aws:s3/bucketNotification:BucketNotification").length, 1);
        assert.match(await unwrap(result.uploadBucket), /^photos-source-[0-9a-f]{7}$/);
        assert.match(await unwrap(result.thumbnailBucket), /^photos-thumbnails-[0-9a-f]{7}$/);
    });
});
