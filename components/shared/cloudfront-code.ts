/**
 * The import statements of a CloudFront Function's source, read the one way both the component's code check and the
 * testing kit's sandbox read them. `cloudfront-js-2.0` offers two modules, `crypto` and `cloudfront` (the
 * KeyValueStore helpers); anything else fails when CloudFront loads the function
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html).
 * A plain script (`vm.Script`) cannot parse `import`: each statement is replaced before the source is compiled.
 */

/** The modules a CloudFront Function may import. */
export const CLOUDFRONT_FUNCTION_MODULES: readonly string[] = ["crypto", "cloudfront"];

const IMPORT = /^[ \t]*import\s+([A-Za-z_$][\w$]*)\s+from\s+(['"])([^'"]+)\2\s*;?/gm;

/** A CloudFront Function imports a module the runtime lacks. */
export class CloudFrontImportError extends Error {
    constructor(readonly module: string) {
        super(`CloudFront Function imports '${module}': only ${CLOUDFRONT_FUNCTION_MODULES.map((m) => `'${m}'`).join(" and ")} exist`);
        this.name = "CloudFrontImportError";
    }
}

/**
 * Replaces each `import <name> from '<module>'` with `replacement(name, module)`. Throws a {@link CloudFrontImportError}
 * for a module other than `cloudfront` and `crypto`.
 */
export function rewriteCloudFrontImports(source: string, replacement: (name: string, module: string) => string): string {
    return source.replace(IMPORT, (_m, name: string, _q: string, module: string) => {
        if (!CLOUDFRONT_FUNCTION_MODULES.includes(module)) throw new CloudFrontImportError(module);
        return replacement(name, module);
    });
}
