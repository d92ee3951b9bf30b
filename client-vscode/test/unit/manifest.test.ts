// package.json is what VS Code and vsce read: check it against the code and the packaging rules.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const root = path.join(__dirname, "..", "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));

function version(range: string): number[] {
  return range.replace(/^[\^~>=<\s]+/, "").split(".").map((n) => parseInt(n, 10));
}
function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

describe("package.json", () => {
  it("has what vsce needs", () => {
    for (const key of ["name", "publisher", "displayName", "description", "version", "repository", "license", "icon"]) {
      assert.ok(pkg[key], key);
    }
    assert.strictEqual(pkg.name, "sqlascope");
    assert.strictEqual(pkg.publisher, "sqlascope");
    assert.strictEqual(pkg.license, "MIT");
    assert.strictEqual(pkg.main, "./dist/extension.js");
    assert.ok(fs.existsSync(path.join(root, "LICENSE")));
    assert.ok(fs.existsSync(path.join(root, pkg.icon)));
    assert.deepStrictEqual(pkg.activationEvents, ["onLanguage:python"]);
  });

  it("@types/vscode (installed) ≤ engines.vscode ≥ vscode-languageclient's engines.vscode", () => {
    const engine = version(pkg.engines.vscode);
    const types = version(lock.packages["node_modules/@types/vscode"].version);
    assert.ok(compare(types, engine) <= 0, `@types/vscode ${types} > engines ${engine}`);
    const lc = JSON.parse(fs.readFileSync(path.join(root, "node_modules/vscode-languageclient/package.json"), "utf8"));
    assert.ok(compare(version(lc.engines.vscode), engine) <= 0, `vscode-languageclient needs ${lc.engines.vscode}`);
    const py = JSON.parse(fs.readFileSync(path.join(root, "node_modules/@vscode/python-extension/package.json"), "utf8"));
    assert.ok(compare(version(py.engines.vscode), engine) <= 0, `@vscode/python-extension needs ${py.engines.vscode}`);
  });

  it("contributes the commands the extension registers", () => {
    const ids = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepStrictEqual(ids, ["sqlascope.analyzeWorkspace", "sqlascope.restart", "sqlascope.showLogs"]);
    const titles = pkg.contributes.commands.map((c: { category: string; title: string }) => `${c.category}: ${c.title}`).sort();
    assert.deepStrictEqual(titles, ["sqlascope: Analyze Workspace", "sqlascope: Restart Server", "sqlascope: Show Logs"]);
  });

  it("contributes every setting, each with a description", () => {
    const props = pkg.contributes.configuration.properties;
    const expected = ["enable", "select", "ignore", "severity", "interpreter", "importStrategy", "path", "analyzeWorkspace",
      "logLevel", "sessionHelpers", "timeBudget", "maxFileSize"].map((k) => `sqlascope.${k}`);
    assert.deepStrictEqual(Object.keys(props).sort(), [...expected].sort());
    for (const key of expected) {
      assert.ok(props[key].description && props[key].description.length > 10, key);
      assert.ok("default" in props[key], key);
    }
    assert.deepStrictEqual(props["sqlascope.importStrategy"].enum, ["useBundled", "fromEnvironment"]);
    assert.strictEqual(props["sqlascope.severity"].type, "object");
    assert.strictEqual(props["sqlascope.interpreter"].type, "array");
    assert.strictEqual(props["sqlascope.path"].type, "array");
  });

  it("limits untrusted workspaces", () => {
    assert.deepStrictEqual(pkg.capabilities.untrustedWorkspaces.supported, "limited");
    assert.deepStrictEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations,
      ["sqlascope.interpreter", "sqlascope.path", "sqlascope.importStrategy"]);
  });
});

describe("bundled-requirements.txt", () => {
  it("vendors every runtime dependency of the server (pyproject.toml) and their dependencies", () => {
    const norm = (name: string) => name.toLowerCase().replace(/[-_.]+/g, "-");
    const bundled = new Set(fs.readFileSync(path.join(root, "bundled-requirements.txt"), "utf8").split("\n")
      .map((l) => l.replace(/#.*/, "").trim()).filter(Boolean).map((l) => norm(l.split(/[=<>!~;\s]/)[0])));
    const pyproject = fs.readFileSync(path.join(root, "..", "pyproject.toml"), "utf8");
    const block = /^dependencies\s*=\s*\[([\s\S]*?)^\]/m.exec(pyproject);
    assert.ok(block, "no dependencies in ../pyproject.toml");
    const wanted = [...block[1].matchAll(/"([A-Za-z0-9_.-]+)/g)].map((m) => norm(m[1]));
    // transitive: pygls → attrs, cattrs, lsprotocol; cattrs → attrs, typing-extensions, exceptiongroup (<3.11); jedi → parso
    wanted.push("attrs", "cattrs", "typing-extensions", "exceptiongroup", "parso");
    assert.deepStrictEqual(wanted.filter((w) => !bundled.has(w)), []);
  });
});
