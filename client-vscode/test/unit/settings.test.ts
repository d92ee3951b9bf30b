import * as assert from "assert";
import {
  configurationResponse, DEFAULTS, needsRestart, readConfig, severityFor, SqlascopeConfig, toInitializationOptions,
} from "../../src/settings";

function config(values: Record<string, unknown>): SqlascopeConfig {
  return readConfig((key) => values[key]);
}

describe("readConfig", () => {
  it("gives the defaults for missing settings", () => {
    assert.deepStrictEqual(config({}), DEFAULTS);
  });
  it("normalises codes, severities and bad values", () => {
    const c = config({
      select: ["sqs1", " ", 3], ignore: "sqs107", severity: { sqs107: "Warning", SQS2: "loud", "": "hint" },
      importStrategy: "bogus", logLevel: "trace", enable: "yes", interpreter: ["/p", ""], sessionHelpers: ["app.db.scope"],
    });
    assert.deepStrictEqual(c.select, ["SQS1"]);
    assert.deepStrictEqual(c.ignore, ["SQS107"]);
    assert.deepStrictEqual(c.severity, { SQS107: "warning" });
    assert.strictEqual(c.importStrategy, "useBundled");
    assert.strictEqual(c.logLevel, "warning");
    assert.strictEqual(c.enable, true);
    assert.deepStrictEqual(c.interpreter, ["/p"]);
    assert.deepStrictEqual(c.sessionHelpers, ["app.db.scope"]);
  });
  it("keeps valid values", () => {
    const c = config({ importStrategy: "fromEnvironment", logLevel: "debug", enable: false, analyzeWorkspace: true, path: ["x", "serve"] });
    assert.strictEqual(c.importStrategy, "fromEnvironment");
    assert.strictEqual(c.logLevel, "debug");
    assert.strictEqual(c.enable, false);
    assert.strictEqual(c.analyzeWorkspace, true);
    assert.deepStrictEqual(c.path, ["x", "serve"]);
  });
});

describe("toInitializationOptions", () => {
  it("maps every setting the server takes", () => {
    const c = config({
      select: ["SQS1"], ignore: ["SQS107"], severity: { SQS101: "hint" }, logLevel: "info", analyzeWorkspace: true,
      interpreter: ["/usr/bin/python3"], sessionHelpers: ["app.db.session_scope"],
    });
    assert.deepStrictEqual(toInitializationOptions(c, ["/venv/bin/python"]), {
      select: ["SQS1"],
      ignore: ["SQS107"],
      severity: { SQS101: "hint" },
      logLevel: "info",
      analyzeWorkspace: true,
      pythonPath: ["/venv/bin/python"],
      sessionHelpers: ["app.db.session_scope"],
      session_helpers: ["app.db.session_scope"],
    });
  });
  it("uses sqlascope.interpreter as pythonPath when no resolved interpreter is given", () => {
    assert.deepStrictEqual(toInitializationOptions(config({ interpreter: ["/p"] })).pythonPath, ["/p"]);
  });
  it("never leaks client-only settings (path, importStrategy, enable) to the server", () => {
    const options = toInitializationOptions(config({ path: ["x"], importStrategy: "fromEnvironment" })) as unknown as Record<string, unknown>;
    for (const key of ["path", "importStrategy", "enable", "interpreter"]) assert.ok(!(key in options), key);
  });
});

describe("configurationResponse", () => {
  it("answers workspace/configuration in the server's shape", () => {
    assert.deepStrictEqual(configurationResponse({ select: ["sqs1"], sessionHelpers: ["h"], path: ["x"], enable: true }), {
      select: ["SQS1"], ignore: [], severity: {}, sessionHelpers: ["h"], session_helpers: ["h"],
    });
    assert.deepStrictEqual(configurationResponse(null), { select: [], ignore: [], severity: {}, sessionHelpers: [], session_helpers: [] });
  });
});

describe("needsRestart", () => {
  const affected = (...keys: string[]) => (section: string) => keys.includes(section);
  it("restarts for launch settings", () => {
    for (const key of ["enable", "interpreter", "importStrategy", "path", "logLevel", "analyzeWorkspace"]) {
      assert.ok(needsRestart(affected(`sqlascope.${key}`)), key);
    }
  });
  it("does not restart for settings the server re-reads", () => {
    for (const key of ["select", "ignore", "severity", "sessionHelpers"]) {
      assert.ok(!needsRestart(affected(`sqlascope.${key}`)), key);
    }
    assert.ok(!needsRestart(affected("python.defaultInterpreterPath")));
  });
});

describe("severityFor", () => {
  it("applies the first matching prefix, else the fallback", () => {
    assert.strictEqual(severityFor("SQS107", { SQS10: "hint" }, "error"), "hint");
    assert.strictEqual(severityFor("SQS201", { SQS10: "hint" }, "error"), "error");
  });
});
