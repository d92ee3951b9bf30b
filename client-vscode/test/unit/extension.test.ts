// activate() against the mocked vscode / vscode-languageclient / @vscode/python-extension.
import * as assert from "assert";
import * as path from "path";
import * as ext from "../../src/extension";
import { resetPythonApi } from "../../src/python";
import { behaviour, clients, LanguageClient } from "../mocks/languageclient";
import { fake, resetFake } from "../mocks/python-extension";
import { changeSettings, resetState, state } from "../mocks/vscode";

const EXT = "/ext";

function context(): any {
  return { subscriptions: [] as { dispose(): unknown }[], asAbsolutePath: (p: string) => path.join(EXT, p) };
}

const last = (): LanguageClient => clients[clients.length - 1];
const settle = () => new Promise((r) => setTimeout(r, 10));

describe("extension activation (mocked VS Code)", () => {
  let ctx: any;
  beforeEach(() => {
    resetState(); resetFake(); resetPythonApi();
    clients.length = 0;
    behaviour.failStart = undefined;
    ctx = context();
  });
  afterEach(async () => { await ext.deactivate(); });

  it("starts a LanguageClient for python files with the bundled server", async () => {
    await ext.activate(ctx);
    assert.strictEqual(clients.length, 1);
    const c = last();
    assert.strictEqual(c.id, "sqlascope");
    assert.ok(c.started);
    assert.deepStrictEqual(c.clientOptions.documentSelector, [{ scheme: "file", language: "python" }]);
    assert.strictEqual(c.clientOptions.outputChannel.name, "sqlascope");
    assert.strictEqual(c.clientOptions.synchronize.configurationSection, "sqlascope");
    assert.strictEqual(c.serverOptions.command, "python3");
    assert.deepStrictEqual(c.serverOptions.args, ["-m", "sqlascope", "serve"]);
    assert.strictEqual(c.serverOptions.options.env.PYTHONPATH.split(path.delimiter)[0], path.join(EXT, "bundled", "libs"));
    assert.strictEqual(c.serverOptions.options.cwd, "/ws");
    assert.deepStrictEqual(c.clientOptions.initializationOptions.pythonPath, ["python3"]);
  });

  it("registers the contributed commands and a status bar item that turns ready", async () => {
    await ext.activate(ctx);
    assert.deepStrictEqual([...state.commands.keys()].sort(), ["sqlascope.analyzeWorkspace", "sqlascope.restart", "sqlascope.showLogs"]);
    const item = state.statusItems[0];
    assert.ok(item.visible);
    assert.match(item.text, /check.*sqlascope/);
    assert.match(String(item.tooltip), /ready/);
  });

  it("shows the error in the status bar when the server fails to start", async () => {
    behaviour.failStart = new Error("spawn python3 ENOENT");
    await ext.activate(ctx);
    const item = state.statusItems[0];
    assert.match(item.text, /error/);
    assert.match(String(item.tooltip), /ENOENT/);
    assert.ok(item.backgroundColor);
  });

  it("does not start when sqlascope.enable is false", async () => {
    state.settings["sqlascope.enable"] = false;
    await ext.activate(ctx);
    assert.strictEqual(clients.length, 0);
    assert.match(state.statusItems[0].text, /circle-slash/);
  });

  it("uses the Python extension's interpreter and restarts when it changes", async () => {
    fake.installed = true;
    fake.executable = "/proj/.venv/bin/python";
    state.settings["sqlascope.interpreter"] = ["/usr/bin/python3.12"];
    await ext.activate(ctx);
    assert.strictEqual(last().serverOptions.command, "/proj/.venv/bin/python");
    fake.executable = "/other/bin/python";
    fake.changed.fire({ id: "x", path: "/other/bin/python" });
    await settle();
    assert.strictEqual(clients.length, 2);
    assert.ok(clients[0].stopped);
    assert.strictEqual(last().serverOptions.command, "/other/bin/python");
  });

  it("falls back to sqlascope.interpreter without the Python extension", async () => {
    state.settings["sqlascope.interpreter"] = ["/usr/bin/python3.12"];
    state.settings["sqlascope.importStrategy"] = "fromEnvironment";
    await ext.activate(ctx);
    assert.strictEqual(last().serverOptions.command, "/usr/bin/python3.12");
    assert.ok(!String(last().serverOptions.options.env.PYTHONPATH ?? "").includes(path.join(EXT, "bundled")));
  });

  it("restarts on launch settings, not on settings the server re-reads", async () => {
    await ext.activate(ctx);
    changeSettings({ "sqlascope.select": ["SQS1"] });
    await settle();
    assert.strictEqual(clients.length, 1);
    changeSettings({ "sqlascope.path": ["/opt/sqlascope", "serve"] });
    await settle();
    assert.strictEqual(clients.length, 2);
    assert.ok(clients[0].stopped);
    assert.strictEqual(last().serverOptions.command, "/opt/sqlascope");
    assert.deepStrictEqual(last().clientOptions.initializationOptions.select, ["SQS1"]);
  });

  it("restart command stops the old client and starts a new one", async () => {
    await ext.activate(ctx);
    await state.commands.get("sqlascope.restart")!();
    assert.strictEqual(clients.length, 2);
    assert.ok(clients[0].stopped);
    assert.ok(last().started);
  });

  it("answers workspace/configuration in the server's shape", async () => {
    await ext.activate(ctx);
    const middleware = last().clientOptions.middleware.workspace.configuration;
    const params = { items: [{ section: "sqlascope" }, { section: "python" }] };
    const next = async () => [{ select: ["sqs1"], sessionHelpers: ["h"], path: ["x"] }, { other: 1 }];
    const result = await middleware(params, undefined, next);
    assert.deepStrictEqual(result, [
      { select: ["SQS1"], ignore: [], severity: {}, sessionHelpers: ["h"], session_helpers: ["h"] }, { other: 1 },
    ]);
  });
});
