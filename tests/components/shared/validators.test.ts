import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { Issues } from "../../../components/shared/errors";
import { checkKmsKeyArn, checkPrincipalArn, checkSubnetId, checkVpcId, isPrivate1918 } from "../../../components/shared/validators";

/** The issues one check reports for one value; matched as "<message>; allowed: <allowed>". */
function issuesOf(check: (issues: Issues, path: string, value: unknown) => boolean, value: unknown) {
    const issues = new Issues();
    check(issues, "x", value);
    return issues.list;
}

describe("shared id and ARN checks", () => {
    const cases: Array<{ title: string; check: (issues: Issues, path: string, value: unknown) => boolean; value: unknown; issue?: RegExp }> = [
        { title: "accepts a 17-digit VPC id", check: checkVpcId, value: "vpc-0123456789abcdef0" },
        { title: "accepts an 8-digit VPC id", check: checkVpcId, value: "vpc-01234567" },
        { title: "refuses a VPC id with upper-case hex", check: checkVpcId, value: "vpc-0123456789ABCDEF0", issue: /is malformed/ },
        { title: "refuses a subnet id as a VPC id", check: checkVpcId, value: "subnet-0123456789abcdef0", issue: /is malformed/ },
        { title: "accepts a subnet id", check: checkSubnetId, value: "subnet-0123456789abcdef0" },
        { title: "refuses a VPC id as a subnet id", check: checkSubnetId, value: "vpc-0123456789abcdef0", issue: /is malformed/ },
        {
            title: "accepts a KMS key ARN with a UUID key id",
            check: checkKmsKeyArn,
            value: "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
        },
        {
            title: "accepts a multi-Region KMS key ARN",
            check: checkKmsKeyArn,
            value: "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef",
        },
        { title: "refuses a KMS alias ARN", check: checkKmsKeyArn, value: "arn:aws:kms:us-east-1:123456789012:alias/app", issue: /not an alias/ },
        {
            title: "refuses a KMS key ARN whose key id is no key id",
            check: checkKmsKeyArn,
            value: "arn:aws:kms:us-east-1:123456789012:key/abc",
            issue: /is malformed/,
        },
        { title: "accepts an IAM role ARN with a path", check: checkPrincipalArn, value: "arn:aws:iam::123456789012:role/ops/Admin" },
        { title: "accepts an IAM user ARN", check: checkPrincipalArn, value: "arn:aws:iam::123456789012:user/alice" },
        { title: "refuses an account root ARN", check: checkPrincipalArn, value: "arn:aws:iam::123456789012:root", issue: /is not an IAM role or user ARN;/ },
        {
            title: "names an STS session ARN as such",
            check: checkPrincipalArn,
            value: "arn:aws:sts::123456789012:assumed-role/Admin/alice",
            issue: /an STS session, not the role/,
        },
        { title: "refuses a role name with a space", check: checkPrincipalArn, value: "arn:aws:iam::123456789012:role/my role", issue: /is not an IAM role/ },
    ];
    for (const c of cases)
        it(c.title, () => {
            const issues = issuesOf(c.check, c.value);
            if (!c.issue) return assert.deepEqual(issues, []);
            assert.equal(issues.length, 1, JSON.stringify(issues));
            assert.equal(issues[0].path, "x");
            assert.match(`${issues[0].message}; allowed: ${issues[0].allowed}`, c.issue);
        });

    it("skips an Output, which is checked nowhere before deployment", () => {
        for (const check of [checkVpcId, checkSubnetId, checkKmsKeyArn, checkPrincipalArn]) assert.deepEqual(issuesOf(check, pulumi.output("nonsense")), []);
    });
});

describe("isPrivate1918", () => {
    for (const octets of [
        [10, 0, 0, 0],
        [172, 16, 0, 0],
        [172, 31, 255, 0],
        [192, 168, 1, 0],
    ])
        it(`takes ${octets.join(".")} as private`, () => assert.equal(isPrivate1918(octets), true));
    for (const octets of [
        [172, 15, 0, 0],
        [172, 32, 0, 0],
        [192, 169, 0, 0],
        [100, 64, 0, 0],
        [11, 0, 0, 0],
    ])
        it(`takes ${octets.join(".")} as not private`, () => assert.equal(isPrivate1918(octets), false));
});
