import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ontapSvmName } from "../../../components/eks-cluster/storage-ontap";
import { CLUSTER_NAME, CLUSTER_SG, PRIVATE_SUBNETS, buildStorage, storageClassSchemaIssues } from "./storage-ctx";

const PASSWORD = "Vsadmin-Pass1";
const FS = "aws:fsx/ontapFileSystem:OntapFileSystem";
const SVM = "aws:fsx/ontapStorageVirtualMachine:OntapStorageVirtualMachine";
const BACKEND = "kubernetes:trident.netapp.io/v1:TridentBackendConfig";
const SC = "kubernetes:storage.k8s.io/v1:StorageClass";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

const ROUTE_TABLES = ["rtb-0123456789abcdef0", "rtb-0fedcba9876543210"];
const ontap = (extra: object = {}) =>
    buildStorage({ ontap: { enabled: true, svmAdminPassword: pulumi.secret(PASSWORD), routeTableIds: ROUTE_TABLES, ...extra } });

describe("FSx for NetApp ONTAP storage", () => {
    it("creates a multi-AZ file system across the first two private subnets, one HA pair, in its security group", async () => {
        const { registry } = await ontap();
        const sg = registry.one("aws:ec2/securityGroup:SecurityGroup", "main-ontap-sg");
        registry.hasInputs(FS, "main-ontap", {
            deploymentType: "MULTI_AZ_1",
            storageCapacity: 1024,
            haPairs: 1,
            throughputCapacityPerHaPair: 128,
            subnetIds: PRIVATE_SUBNETS.slice(0, 2),
            preferredSubnetId: PRIVATE_SUBNETS[0],
            securityGroupIds: [sg.id],
            automaticBackupRetentionDays: 7,
        });
    });

    it("puts a single-AZ file system in one subnet and ignores route tables there", async () => {
        const { registry } = await ontap({ deploymentType: "SINGLE_AZ_2", throughputMBps: 384, routeTableIds: ["rtb-0123456789abcdef0"] });
        registry.hasInputs(FS, "main-ontap", {
            deploymentType: "SINGLE_AZ_2",
            subnetIds: [PRIVATE_SUBNETS[0]],
            throughputCapacityPerHaPair: 384,
            routeTableIds: undefined,
        });
    });

    it("gives a multi-AZ file system the route tables it is told", async () => {
        const { registry } = await ontap();
        registry.hasInputs(FS, "main-ontap", { routeTableIds: ROUTE_TABLES });
    });

    it("creates an SVM with an underscore name and the vsadmin password, and protects both with the data options", async () => {
        const { registry } = await buildStorage({ ontap: { enabled: true, svmAdminPassword: PASSWORD } }, { protect: true });
        const fs = registry.one(FS);
        const svm = registry.hasInputs(SVM, "main-ontap-svm", {
            fileSystemId: fs.id,
            name: "svm_main",
            rootVolumeSecurityStyle: "UNIX",
            svmAdminPassword: PASSWORD,
        });
        assert.equal(fs.protect, true);
        assert.equal(svm.protect, true);
    });

    it("keeps the vsadmin credentials in a Secrets Manager secret", async () => {
        const { registry } = await ontap();
        const secret = registry.one("aws:secretsmanager/secret:Secret");
        const version = registry.one("aws:secretsmanager/secretVersion:SecretVersion");
        assert.equal(version.inputs.secretId, secret.id);
        assert.deepEqual(JSON.parse(version.inputs.secretString), { username: "vsadmin", password: PASSWORD });
    });

    it("gives Trident's backend the secret by ARN (awsarn), the SVM and the file system, never the password", async () => {
        const { registry } = await ontap();
        const secret = registry.one("aws:secretsmanager/secret:Secret");
        const backend = registry.hasInputs(BACKEND, "main-ontap-backend", {
            apiVersion: "trident.netapp.io/v1",
            kind: "TridentBackendConfig",
            metadata: { name: "main-ontap-nas", namespace: "trident" },
            spec: {
                version: 1,
                storageDriverName: "ontap-nas",
                backendName: "main-ontap-nas",
                svm: "svm_main",
                aws: { fsxFilesystemID: registry.one(FS).id },
                credentials: { name: secret.outputs.arn, type: "awsarn" },
            },
        });
        for (const r of registry.all().filter((x) => x.type.startsWith("kubernetes:"))) {
            assert.ok(!JSON.stringify(r.inputs).includes(PASSWORD), `${r.name} holds the password`);
        }
        assert.ok(backend.dependencies.includes(registry.one("aws:eks/addon:Addon", "main-trident").urn), "after Trident (its CRD)");
    });

    it("installs Trident as the netapp_trident-operator add-on with a standalone Pod Identity association for trident/trident-controller", async () => {
        const { registry } = await ontap();
        const role = registry.one("aws:iam/role:Role", "main-trident-trident-controller");
        registry.hasInputs("aws:eks/addon:Addon", "main-trident", { addonName: "netapp_trident-operator", podIdentityAssociations: undefined });
        const association = registry.one("aws:eks/podIdentityAssociation:PodIdentityAssociation");
        assert.ok(registry.one("aws:eks/addon:Addon", "main-trident").dependencies.includes(association.urn), "Trident starts after its association");
        registry.hasInputs("aws:eks/podIdentityAssociation:PodIdentityAssociation", undefined, {
            clusterName: CLUSTER_NAME,
            namespace: "trident",
            serviceAccount: "trident-controller",
            roleArn: role.outputs.arn,
        });
        registry.hasInputs("aws:iam/role:Role", role.name, {
            assumeRolePolicy: {
                Statement: [
                    {
                        Principal: { Service: "pods.eks.amazonaws.com" },
                        Action: ["sts:AssumeRole", "sts:TagSession"],
                        Condition: {
                            StringEquals: {
                                "aws:RequestTag/kubernetes-namespace": "trident",
                                "aws:RequestTag/kubernetes-service-account": "trident-controller",
                            },
                        },
                    },
                ],
            },
        });
    });

    it("lets Trident read only its own secret", async () => {
        const { registry } = await ontap();
        const secret = registry.one("aws:secretsmanager/secret:Secret");
        const statements = registry.statementsOf("main-trident-trident-controller");
        const read = statements.filter((s) => [s.Action].flat().includes("secretsmanager:GetSecretValue"));
        assert.deepEqual(read, [{ Sid: "ReadSvmCredentials", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secret.outputs.arn }]);
        assert.ok(statements.some((s) => [s.Action].flat().includes("fsx:CreateVolume")));
    });

    it("admits NFS and the ONTAP REST API from the cluster security group", async () => {
        const { registry } = await ontap();
        const sg = registry.one("aws:ec2/securityGroup:SecurityGroup", "main-ontap-sg");
        const rules = registry
            .ofType(INGRESS)
            .filter((r) => r.inputs.securityGroupId === sg.id)
            .map((r) => {
                assert.equal(r.inputs.referencedSecurityGroupId, CLUSTER_SG);
                return `${r.inputs.ipProtocol}/${r.inputs.fromPort}-${r.inputs.toPort}`;
            })
            .sort();
        assert.deepEqual(rules, [
            "tcp/111-111",
            "tcp/2049-2049",
            "tcp/4045-4046",
            "tcp/443-443",
            "tcp/635-635",
            "udp/111-111",
            "udp/2049-2049",
            "udp/4045-4046",
            "udp/635-635",
        ]);
    });

    it("lets the SVM call the nodes back (NFS lock manager, callbacks on random ports): all traffic to and from the cluster SG, only from its own SG", async () => {
        const { registry } = await ontap();
        const sg = registry.one("aws:ec2/securityGroup:SecurityGroup", "main-ontap-sg");
        registry.hasInputs(EGRESS, "main-ontap-sg-to-clients-all", { securityGroupId: sg.id, referencedSecurityGroupId: CLUSTER_SG, ipProtocol: "-1" });
        registry.hasInputs(INGRESS, "main-ontap-sg-client-in-all", { securityGroupId: CLUSTER_SG, referencedSecurityGroupId: sg.id, ipProtocol: "-1" });
        assert.equal(registry.ofType(EGRESS).length, 1);
    });

    it("creates a class on Trident's provisioner, after the backend", async () => {
        const { registry } = await buildStorage({ reclaimPolicy: "Retain", ontap: { enabled: true, svmAdminPassword: PASSWORD } });
        const sc = registry.hasInputs(SC, "main-storage-class-fsx-ontap", {
            metadata: { name: "fsx-ontap" },
            provisioner: "csi.trident.netapp.io",
            parameters: { backendType: "ontap-nas" },
            reclaimPolicy: "Retain",
            allowVolumeExpansion: true,
        });
        assert.ok(sc.dependencies.includes(registry.one(BACKEND).urn));
        assert.deepEqual(storageClassSchemaIssues(registry), []);
    });

    describe("ontapSvmName", () => {
        const cases: Array<[string, string]> = [
            ["main", "svm_main"],
            ["orders-api", "svm_orders_api"],
            ["x".repeat(60), `svm_${"x".repeat(43)}`],
        ];
        for (const [name, svm] of cases)
            it(`names the SVM of ${JSON.stringify(name)} ${JSON.stringify(svm)} (letters, digits, _; at most 47)`, () => assert.equal(ontapSvmName(name), svm));
    });
});
