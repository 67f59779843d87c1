/** EksCluster's manual: every optional argument documents its default, and the defaults agree with DEFAULTS. */
import { DEFAULTS } from "../../../components/eks-cluster/defaults";
import { assertDefaultsDocumented } from "../../harness/docs";

describe("EksCluster: docs", () => {
    it("documents every default it applies", () => assertDefaultsDocumented("components/eks-cluster/args.ts", DEFAULTS));
});
