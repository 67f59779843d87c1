/** Rules: ECS and ECR (ecs-*, ecr-*). */
import { type Rule, resourceRule } from "../rule";

const ECR_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html";

export const ECS_RULES: Rule[] = [
    resourceRule({
        name: "ecr-1-scan-on-push",
        description: "ECR repositories scan images on push.",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "ECR.1", cdkNag: [], url: ECR_CONTROLS },
        types: ["aws:ecr/repository:Repository"],
        validate: (props, _args, report) => {
            if (props.imageScanningConfiguration?.scanOnPush !== true)
                report(`imageScanningConfiguration.scanOnPush is ${JSON.stringify(props.imageScanningConfiguration?.scanOnPush)}; set it to true.`);
        },
    }),
];
