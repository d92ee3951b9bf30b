import * as assert from "assert";
import * as path from "path";
import { buildCheckCommand, buildServerCommand, isInside, LaunchError, resolveInterpreter, serverCwd } from "../../src/launch";

const LIBS = "/ext/bundled/libs";

describe("buildServerCommand", () => {
  it("useBundled: <interpreter> -m sqlascope serve with PYTHONPATH=<extension>/bundled/libs", () => {
    const cmd = buildServerCommand({ importStrategy: "useBundled", path: [], interpreter: ["/usr/bin/python3"], bundledLibsDir: LIBS });
    assert.strictEqual(cmd.command, "/usr/bin/python3");
    assert.deepStrictEqual(cmd.args, ["-m", "sqlascope", "serve"]);
    assert.strictEqual(cmd.env.PYTHONPATH, LIBS);
    assert.strictEqual(cmd.strategy, "useBundled");
  });

  it("useBundled puts the bundled libs before an existing PYTHONPATH", () => {
    const cmd = buildServerCommand({ importStrategy: "useBundled", path: [], interpreter: ["py"], bundledLibsDir: LIBS,
      env: { PYTHONPATH: "/mine", HOME: "/h", UNSET: undefined }, delimiter: ":" });
    assert.strictEqual(cmd.env.PYTHONPATH, `${LIBS}:/mine`);
    assert.strictEqual(cmd.env.HOME, "/h");
    assert.ok(!("UNSET" in cmd.env));
  });

  it("fromEnvironment: <interpreter> -m sqlascope serve, PYTHONPATH untouched", () => {
    const cmd = buildServerCommand({ importStrategy: "fromEnvironment", path: [], interpreter: ["/venv/bin/python"],
      bundledLibsDir: LIBS, env: { PYTHONPATH: "/mine" } });
    assert.strictEqual(cmd.command, "/venv/bin/python");
    assert.deepStrictEqual(cmd.args, ["-m", "sqlascope", "serve"]);
    assert.strictEqual(cmd.env.PYTHONPATH, "/mine");
    assert.strictEqual(cmd.strategy, "fromEnvironment");
  });

  it("fromEnvironment without PYTHONPATH does not add one", () => {
    const cmd = buildServerCommand({ importStrategy: "fromEnvironment", path: [], interpreter: ["python3"], bundledLibsDir: LIBS });
    assert.ok(!("PYTHONPATH" in cmd.env));
  });

  it("keeps the interpreter's leading arguments before -m", () => {
    const cmd = buildServerCommand({ importStrategy: "fromEnvironment", path: [], interpreter: ["/usr/bin/env", "python3", "-X", "utf8"],
      bundledLibsDir: LIBS });
    assert.strictEqual(cmd.command, "/usr/bin/env");
    assert.deepStrictEqual(cmd.args, ["python3", "-X", "utf8", "-m", "sqlascope", "serve"]);
  });

  it("custom path wins over interpreter and import strategy", () => {
    for (const importStrategy of ["useBundled", "fromEnvironment"] as const) {
      const cmd = buildServerCommand({ importStrategy, path: ["/opt/bin/sqlascope", "serve"], interpreter: ["python3"],
        bundledLibsDir: LIBS });
      assert.strictEqual(cmd.command, "/opt/bin/sqlascope");
      assert.deepStrictEqual(cmd.args, ["serve"]);
      assert.ok(!("PYTHONPATH" in cmd.env));
      assert.strictEqual(cmd.strategy, "custom");
    }
  });

  it("ignores blank entries in path and interpreter", () => {
    const cmd = buildServerCommand({ importStrategy: "fromEnvironment", path: ["", "  "], interpreter: [" python3 ", ""], bundledLibsDir: LIBS });
    assert.strictEqual(cmd.command, "python3");
    assert.strictEqual(cmd.strategy, "fromEnvironment");
  });

  it("throws a LaunchError when there is no interpreter and no custom path", () => {
    assert.throws(() => buildServerCommand({ importStrategy: "useBundled", path: [], interpreter: [], bundledLibsDir: LIBS }), LaunchError);
  });

  it("sets PYTHONUNBUFFERED", () => {
    const cmd = buildServerCommand({ importStrategy: "useBundled", path: [], interpreter: ["python3"], bundledLibsDir: LIBS });
    assert.strictEqual(cmd.env.PYTHONUNBUFFERED, "1");
  });
});

describe("resolveInterpreter (order: Python extension, sqlascope.interpreter, python3)", () => {
  it("prefers the Python extension's interpreter", () => {
    assert.deepStrictEqual(resolveInterpreter("/venv/bin/python", ["/usr/bin/python3.12"]),
      { interpreter: ["/venv/bin/python"], source: "python-extension" });
  });
  it("falls back to the sqlascope.interpreter setting", () => {
    assert.deepStrictEqual(resolveInterpreter(undefined, ["/usr/bin/python3.12", "-X", "utf8"]),
      { interpreter: ["/usr/bin/python3.12", "-X", "utf8"], source: "setting" });
    assert.strictEqual(resolveInterpreter("  ", ["/p"]).source, "setting");
  });
  it("falls back to python3 on PATH", () => {
    assert.deepStrictEqual(resolveInterpreter(undefined, []), { interpreter: ["python3"], source: "default" });
    assert.deepStrictEqual(resolveInterpreter(undefined, undefined), { interpreter: ["python3"], source: "default" });
  });
});

describe("buildCheckCommand", () => {
  it("turns `serve` into `check --format json` with select/ignore and paths", () => {
    const server = buildServerCommand({ importStrategy: "useBundled", path: [], interpreter: ["python3"], bundledLibsDir: LIBS });
    const check = buildCheckCommand(server, ["."], ["SQS1"], ["SQS107", "SQS2"])!;
    assert.deepStrictEqual(check.args, ["-m", "sqlascope", "check", "--format", "json", "--select", "SQS1", "--ignore", "SQS107,SQS2", "."]);
    assert.strictEqual(check.env.PYTHONPATH, LIBS);
  });
  it("works for a custom command ending in serve, not for others", () => {
    const custom = buildServerCommand({ importStrategy: "useBundled", path: ["sqlascope", "serve"], interpreter: [], bundledLibsDir: LIBS });
    assert.deepStrictEqual(buildCheckCommand(custom, ["."])!.args, ["check", "--format", "json", "."]);
    const other = buildServerCommand({ importStrategy: "useBundled", path: ["my-wrapper"], interpreter: [], bundledLibsDir: LIBS });
    assert.strictEqual(buildCheckCommand(other, ["."]), undefined);
  });
});

describe("untrusted workspaces (launch)", () => {
  it("does not run the Python extension's interpreter when it lies inside an untrusted workspace", () => {
    assert.deepStrictEqual(resolveInterpreter("/ws/.venv/bin/python", ["/usr/bin/python3.12"], "python3", ["/ws"]),
      { interpreter: ["/usr/bin/python3.12"], source: "setting" });
    assert.deepStrictEqual(resolveInterpreter("/ws/.venv/bin/python", [], "python3", ["/other", "/ws"]),
      { interpreter: ["python3"], source: "default" });
  });
  it("runs an interpreter outside the untrusted workspace, and any interpreter in a trusted one", () => {
    assert.deepStrictEqual(resolveInterpreter("/usr/bin/python3", [], "python3", ["/ws"]),
      { interpreter: ["/usr/bin/python3"], source: "python-extension" });
    assert.deepStrictEqual(resolveInterpreter("/ws/.venv/bin/python", [], "python3", undefined),
      { interpreter: ["/ws/.venv/bin/python"], source: "python-extension" });
  });
  it("isInside compares whole path components", () => {
    const posix = path.posix;
    assert.ok(isInside("/ws/.venv/bin/python", ["/ws"], posix));
    assert.ok(isInside("/ws", ["/ws/"], posix));
    assert.ok(isInside("/ws/a/../b/python", ["/ws"], posix));
    assert.ok(!isInside("/ws2/bin/python", ["/ws"], posix));
    assert.ok(!isInside("/ws/../usr/bin/python", ["/ws"], posix));
    assert.ok(!isInside("/usr/bin/python", [], posix));
    assert.ok(isInside("C:\\ws\\.venv\\Scripts\\python.exe", ["c:\\ws"], path.win32));
  });
  it("starts the server outside an untrusted workspace folder", () => {
    assert.strictEqual(serverCwd(true, "/ws", "/ext"), "/ws");
    assert.strictEqual(serverCwd(false, "/ws", "/ext"), "/ext");
    assert.strictEqual(serverCwd(true, undefined, "/ext"), undefined);
  });
});
