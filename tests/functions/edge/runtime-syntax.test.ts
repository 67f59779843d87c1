/**
 * Node's V8 runs syntax that CloudFront's cloudfront-js-2.0 engine lacks, so the sandbox cannot catch it. This
 * parses every CloudFront Function with TypeScript's parser and refuses what the runtime 2.0 feature list does not
 * name (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html:
 * ES 5.1 statements plus const/let, async/await in async functions only, template literals, arrow functions, rest
 * parameters, `**`).
 */
import * as assert from "node:assert";
import { readdirSync } from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { edgeSource } from "./events";

const EDGE_DIR = path.join(__dirname, "..", "..", "..", "functions", "edge");

/** The constructs in `source` that runtime 2.0 does not list, as "line: what". */
function unsupportedSyntax(source: string): string[] {
    const file = ts.createSourceFile("f.js", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    const found: string[] = [];
    const report = (node: ts.Node, what: string) => found.push(`${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}`);
    const isAsync = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
    const visit = (node: ts.Node) => {
        if (ts.isForOfStatement(node)) report(node, "for…of");
        else if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) report(node, "class");
        else if (ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) report(node, "destructuring");
        else if (ts.isSpreadElement(node) || ts.isSpreadAssignment(node)) report(node, "spread");
        else if (ts.isParameter(node) && node.initializer !== undefined) report(node, "default parameter");
        else if (ts.isShorthandPropertyAssignment(node)) report(node, "shorthand property");
        else if (ts.isComputedPropertyName(node)) report(node, "computed property name");
        else if (ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)) report(node, "method or accessor syntax");
        else if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) && node.asteriskToken !== undefined) report(node, "generator");
        else if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && isAsync(node)) report(node, "async closure");
        else if (
            (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node)) &&
            node.questionDotToken !== undefined
        )
            report(node, "optional chaining");
        else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) report(node, "??");
        else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken) report(node, "??=");
        else if (ts.isTaggedTemplateExpression(node)) report(node, "tagged template");
        ts.forEachChild(node, visit);
    };
    visit(file);
    return found;
}

describe("CloudFront Functions use only runtime 2.0 syntax", () => {
    const files = readdirSync(EDGE_DIR).filter((f) => f.endsWith(".js"));

    it("finds the CloudFront Functions to check", () => {
        assert.ok(files.length >= 6, files.join(", "));
    });

    for (const file of files) {
        it(`${file} uses no syntax outside runtime 2.0's list`, () => {
            assert.deepStrictEqual(unsupportedSyntax(edgeSource(file)), []);
        });
    }

    it("flags each construct runtime 2.0 lacks (the check can fail)", () => {
        const samples: [string, string][] = [
            ["for (const x of [1]) {}", "for…of"],
            ["class A {}", "class"],
            ["const { a } = {};", "destructuring"],
            ["const [b] = [];", "destructuring"],
            ["f(...xs);", "spread"],
            ["const o = { ...p };", "spread"],
            ["function g(a = 1) {}", "default parameter"],
            ["const o = { a };", "shorthand property"],
            ["const o = { [k]: 1 };", "computed property name"],
            ["const o = { m() {} };", "method or accessor syntax"],
            ["function* gen() {}", "generator"],
            ["const f = async () => 1;", "async closure"],
            ["const v = a?.b;", "optional chaining"],
            ["const v = a ?? b;", "??"],
            ["tag`x`;", "tagged template"],
        ];
        for (const [code, what] of samples) assert.deepStrictEqual(unsupportedSyntax(code), [`1: ${what}`], code);
    });

    it("accepts what runtime 2.0 lists: const/let, arrow functions, templates, async functions, rest parameters, **", () => {
        const ok = `const a = 1; let b = 2 ** 3; const f = (x) => \`a\${x}\`; async function h(e, ...rest) { await 0; return rest; } for (let i = 0; i < 1; i++) {} for (const k in {}) {}`;
        assert.deepStrictEqual(unsupportedSyntax(ok), []);
    });
});
