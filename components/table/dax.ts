import type * as pulumi from "@pulumi/pulumi";
import type { DaxClusterArgs } from "../dax-cluster/args";
import { DaxCluster } from "../dax-cluster/dax-cluster";
import { normalize } from "../dax-cluster/defaults";
import { DAX_OPTION_SHAPE, checkResolved } from "../dax-cluster/validate";
import { Issue, Issues, prefixIssues } from "../shared/errors";
import { childName } from "../shared/naming";
import { COMPONENT_NAME, checkShape } from "../shared/shape";
import type { Table } from "./table";

/** The Table option `dax`: a DaxCluster's args without `table` (the cluster caches this table). */
export type TableDaxArgs = Omit<DaxClusterArgs, "table">;

/** Stands for the table's ARN while checking (known once the table exists: an unresolved value is not checked). */
const TABLE_ARN_UNKNOWN: pulumi.Input<string> = new Promise<string>(() => {});

/**
 * The option's value rules under `dax.`, checked with the table's own before anything registers, and
 * the child's name `<table>-dax`, which must be a component name too. Shape issues are the table
 * shape check's (nothing is reported twice).
 */
export function daxIssues(tableName: string, dax: TableDaxArgs | undefined): Issue[] {
    if (dax === undefined || !checkShape(new Issues(), DAX_OPTION_SHAPE, dax)) return [];
    const issues = new Issues();
    checkResolved(issues, normalize({ ...dax, table: { tableArn: TABLE_ARN_UNKNOWN } }));
    const out = prefixIssues("dax", issues.list);
    const name = childName(tableName, "dax");
    if (COMPONENT_NAME.test(tableName) && !COMPONENT_NAME.test(name))
        out.unshift({
            path: "dax",
            value: name,
            message: "makes a DaxCluster name longer than 128 characters",
            allowed: "a table name of at most 124 characters",
        });
    return out;
}

/** The DaxCluster `<table>-dax` caching `table`, a child of the table. */
export function createDax(name: string, table: Table, dax: TableDaxArgs): DaxCluster {
    return new DaxCluster(childName(name, "dax"), { ...dax, table }, { parent: table });
}
