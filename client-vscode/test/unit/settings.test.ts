import * as assert from "assert";
import {
  configurationResponse, DEFAULTS, ignoredWorkspaceSettings, Inspected, needsRestart, readConfig, RESTRICTED_SETTINGS,
  severityFor, SqlascopeConfig, toInitializationOptions, trustAwareGetter, workspaceAnalysisRoute,
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

describe("timeBudget and maxFileSize", () => {
  it("are left to the server (and pyproject.toml) unless set to a usable number", () => {
    const c = config({});
    assert.strictEqual(c.timeBudget, null);
    assert.strictEqual(c.maxFileSize, null);
    const options = toInitializationOptions(c) as unknown as Record<string, unknown>;
    assert.ok(!("timeBudget" in options) && !("maxFileSize" in options));
    for (const bad of [-1, "5", Number.NaN, Infinity, true]) {
      assert.strictEqual(config({ timeBudget: bad }).timeBudget, null, String(bad));
      assert.strictEqual(config({ maxFileSize: bad }).maxFileSize, null, String(bad));
    }
    assert.strictEqual(config({ maxFileSize: 0 }).maxFileSize, null);
  });
  it("reach the server when set (0 s: an unbounded budget)", () => {
    assert.deepStrictEqual(
      configurationResponse({ timeBudget: 0, maxFileSize: 250000 }),
      { select: [], ignore: [], severity: {}, sessionHelpers: [], session_helpers: [], analyzeWorkspace: false,
        timeBudget: 0, maxFileSize: 250000 });
    assert.strictEqual(toInitializationOptions(config({ timeBudget: 2.5 })).timeBudget, 2.5);
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
      select: ["SQS1"], ignore: [], severity: {}, sessionHelpers: ["h"], session_helpers: ["h"], analyzeWorkspace: false,
    });
    assert.deepStrictEqual(configurationResponse(null),
      { select: [], ignore: [], severity: {}, sessionHelpers: [], session_helpers: [], analyzeWorkspace: false });
  });
  it("turns the server's analyzeWorkspace on for the setting or the command, when its pass reaches the client", () => {
    const server = (requested: boolean) => ({ serverPass: true, requested });
    const cli = (requested: boolean) => ({ serverPass: false, requested });
    assert.strictEqual(configurationResponse({ analyzeWorkspace: true }).analyzeWorkspace, true);
    assert.strictEqual(configurationResponse({ analyzeWorkspace: true }, server(false)).analyzeWorkspace, true);
    assert.strictEqual(configurationResponse({}, server(true)).analyzeWorkspace, true);
    assert.strictEqual(configurationResponse({ analyzeWorkspace: false }, server(false)).analyzeWorkspace, false);
    // The extension runs `sqlascope check` itself: the server's pass would only duplicate the work.
    assert.strictEqual(configurationResponse({ analyzeWorkspace: true }, cli(false)).analyzeWorkspace, false);
    assert.strictEqual(configurationResponse({}, cli(true)).analyzeWorkspace, false);
  });
});

describe("workspaceAnalysisRoute", () => {
  it("uses the server's pass only when it offers workspace diagnostics (VS Code pulls diagnostics)", () => {
    assert.strictEqual(workspaceAnalysisRoute({ diagnosticProvider: { identifier: "sqlascope", workspaceDiagnostics: true,
      interFileDependencies: true } }), "server");
    // What the server declares today: pull diagnostics for open documents only.
    assert.strictEqual(workspaceAnalysisRoute({ diagnosticProvider: { identifier: "sqlascope", workspaceDiagnostics: false,
      interFileDependencies: true } }), "cli");
    assert.strictEqual(workspaceAnalysisRoute({}), "cli");
    assert.strictEqual(workspaceAnalysisRoute(undefined), "cli");
    assert.strictEqual(workspaceAnalysisRoute({ diagnosticProvider: null }), "cli");
  });
});

describe("untrusted workspaces", () => {
  // user: what ~/.config/Code/User/settings.json says; workspace: what the opened folder's .vscode/settings.json says.
  const user: Record<string, unknown> = { interpreter: ["/usr/bin/python3.12"] };
  const workspace: Record<string, unknown> = {
    interpreter: ["./evil/python"], path: ["./evil.sh", "serve"], importStrategy: "fromEnvironment", select: ["SQS1"],
  };
  const defaults: Record<string, unknown> = { importStrategy: "useBundled", path: [], interpreter: [] };
  const get = (key: string) => (key in workspace ? workspace[key] : key in user ? user[key] : defaults[key]);
  const inspect = (key: string): Inspected => ({ defaultValue: defaults[key], globalValue: user[key], workspaceValue: workspace[key] });

  it("the restricted settings are the ones package.json declares", () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const pkg = require("../../../package.json");
    assert.deepStrictEqual([...pkg.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(),
      RESTRICTED_SETTINGS.map((k) => `sqlascope.${k}`).sort());
  });
  it("trusted: the workspace's values win", () => {
    const c = readConfig(trustAwareGetter(get, inspect, true));
    assert.deepStrictEqual(c.interpreter, ["./evil/python"]);
    assert.deepStrictEqual(c.path, ["./evil.sh", "serve"]);
    assert.strictEqual(c.importStrategy, "fromEnvironment");
  });
  it("untrusted: interpreter, path and importStrategy from the user settings or the defaults only", () => {
    const c = readConfig(trustAwareGetter(get, inspect, false));
    assert.deepStrictEqual(c.interpreter, ["/usr/bin/python3.12"]);
    assert.deepStrictEqual(c.path, []);
    assert.strictEqual(c.importStrategy, "useBundled");
    assert.deepStrictEqual(c.select, ["SQS1"]);  // not restricted: the server only reads it
  });
  it("untrusted: a missing inspect result means the default", () => {
    const c = readConfig(trustAwareGetter(get, () => undefined, false));
    assert.deepStrictEqual(c.interpreter, []);
    assert.deepStrictEqual(c.path, []);
    assert.strictEqual(c.importStrategy, "useBundled");
  });
  it("names the workspace values it ignores", () => {
    assert.deepStrictEqual(ignoredWorkspaceSettings(inspect, false),
      ["sqlascope.interpreter", "sqlascope.path", "sqlascope.importStrategy"]);
    assert.deepStrictEqual(ignoredWorkspaceSettings(inspect, true), []);
    assert.deepStrictEqual(ignoredWorkspaceSettings((key) => ({ globalValue: user[key] }), false), []);
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
