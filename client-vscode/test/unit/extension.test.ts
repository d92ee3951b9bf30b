// activate() against the mocked vscode / vscode-languageclient / @vscode/python-extension.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ext from "../../src/extension";
import { resetPythonApi } from "../../src/python";
import { behaviour, clients, LanguageClient } from "../mocks/languageclient";
import { fake, resetFake } from "../mocks/python-extension";
import { changeSettings, resetState, state, Uri } from "../mocks/vscode";

const EXT = "/ext";

function context(): any {
  return { subscriptions: [] as { dispose(): unknown }[], extensionPath: EXT, asAbsolutePath: (p: string) => path.join(EXT, p) };
}

const last = (): LanguageClient => clients[clients.length - 1];
const settle = () => new Promise((r) => setTimeout(r, 10));

describe("extension activation (mocked VS Code)", () => {
  let ctx: any;
  beforeEach(() => {
    resetState(); resetFake(); resetPythonApi();
    clients.length = 0;
    behaviour.failStart = undefined;
    behaviour.capabilities = {};
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
      { select: ["SQS1"], ignore: [], severity: {}, sessionHelpers: ["h"], session_helpers: ["h"], analyzeWorkspace: false },
      { other: 1 },
    ]);
  });

  describe("untrusted workspace (Restricted Mode)", () => {
    beforeEach(() => {
      state.isTrusted = false;
      state.userSettings["sqlascope.interpreter"] = ["/usr/bin/python3.12"];
      state.workspaceSettings["sqlascope.interpreter"] = ["/ws/evil/python"];
      state.workspaceSettings["sqlascope.importStrategy"] = "fromEnvironment";
      state.workspaceSettings["sqlascope.select"] = ["SQS1"];
    });

    it("ignores the workspace's interpreter, path and importStrategy and runs outside the folder", async () => {
      state.workspaceSettings["sqlascope.path"] = ["/ws/evil.sh", "serve"];
      await ext.activate(ctx);
      const c = last();
      assert.strictEqual(c.serverOptions.command, "/usr/bin/python3.12");
      assert.deepStrictEqual(c.serverOptions.args, ["-m", "sqlascope", "serve"]);
      assert.strictEqual(c.serverOptions.options.env.PYTHONPATH.split(path.delimiter)[0], path.join(EXT, "bundled", "libs"));
      assert.strictEqual(c.serverOptions.options.cwd, EXT);
      assert.deepStrictEqual(c.clientOptions.initializationOptions.select, ["SQS1"]);  // not restricted
      const logs = state.outputChannels[0].lines.join("\n");
      assert.match(logs, /Restricted Mode.*sqlascope\.interpreter, sqlascope\.path, sqlascope\.importStrategy/);
    });

    it("does not run the Python extension's interpreter from inside the workspace", async () => {
      fake.installed = true;
      fake.executable = "/ws/.venv/bin/python";
      await ext.activate(ctx);
      assert.strictEqual(last().serverOptions.command, "/usr/bin/python3.12");
    });

    it("restarts with the workspace's settings once the workspace is trusted", async () => {
      await ext.activate(ctx);
      assert.strictEqual(last().serverOptions.command, "/usr/bin/python3.12");
      state.isTrusted = true;
      state.onDidGrantWorkspaceTrust.fire();
      await settle();
      assert.strictEqual(clients.length, 2);
      assert.ok(clients[0].stopped);
      assert.strictEqual(last().serverOptions.command, "/ws/evil/python");
      assert.strictEqual(last().serverOptions.options.cwd, "/ws");
      assert.ok(!String(last().serverOptions.options.env.PYTHONPATH ?? "").includes(path.join(EXT, "bundled")));
    });
  });

  describe("sqlascope: Analyze Workspace", () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "sqlascope-unit-"));
      fs.writeFileSync(path.join(dir, "app.py"), "x = 1\n");
      fs.writeFileSync(path.join(dir, "open.py"), "y = 1\n");
      // A stand-in for `sqlascope`: `check --format json <path>` prints one finding per file and the arguments.
      fs.writeFileSync(path.join(dir, "fake.js"), `
        const args = process.argv.slice(2);
        require("fs").writeFileSync(${JSON.stringify(path.join(dir, "args.json"))}, JSON.stringify({ args, cwd: process.cwd() }));
        const root = args[args.length - 1];
        const at = (f) => root === "." ? f : require("path").join(root, f);
        console.log(JSON.stringify(["app.py", "open.py"].map((f) => ({ path: at(f), line: 2, column: 5, end_line: 2,
          end_column: 9, code: "SQS102", severity: "error", message: "detached", related: [] }))));
        process.exit(1);`);
      state.workspaceFolders = [{ uri: Uri.file(dir), name: "ws", index: 0 }];
      state.settings["sqlascope.path"] = [process.execPath, path.join(dir, "fake.js"), "serve"];
      state.textDocuments = [{ uri: Uri.file(path.join(dir, "open.py")) }];
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("without server workspace diagnostics: runs `check --format json` and reports the files that are not open", async () => {
      await ext.activate(ctx);
      await state.commands.get("sqlascope.analyzeWorkspace")!();
      const collection = state.collections.get("sqlascope-workspace")!;
      assert.deepStrictEqual([...collection.keys()], [path.join(dir, "app.py")]);
      const [d] = collection.get(path.join(dir, "app.py"))!;
      assert.strictEqual(d.code, "SQS102");
      assert.strictEqual(d.source, "sqlascope");
      assert.deepStrictEqual([d.range.start.line, d.range.start.character, d.range.end.character], [1, 4, 8]);
      const run = JSON.parse(fs.readFileSync(path.join(dir, "args.json"), "utf8"));
      assert.deepStrictEqual(run.args, ["check", "--format", "json", "."]);
      assert.strictEqual(fs.realpathSync(run.cwd), fs.realpathSync(dir));
      assert.deepStrictEqual(last().notifications, []);
      // ... and the server is told not to run its own pass (it would reach nothing: VS Code pulls diagnostics).
      state.settings["sqlascope.analyzeWorkspace"] = true;
      const middleware = last().clientOptions.middleware.workspace.configuration;
      const [answer] = await middleware({ items: [{ section: "sqlascope" }] }, undefined, async () => [{ analyzeWorkspace: true }]);
      assert.strictEqual(answer.analyzeWorkspace, false);
    });

    it("untrusted: runs `check` outside the folder and names it by its absolute path", async () => {
      state.isTrusted = false;
      state.userSettings["sqlascope.path"] = state.settings["sqlascope.path"];
      delete state.settings["sqlascope.path"];
      const extDir = fs.mkdtempSync(path.join(os.tmpdir(), "sqlascope-ext-"));
      ctx.extensionPath = extDir;
      try {
        await ext.activate(ctx);
        await state.commands.get("sqlascope.analyzeWorkspace")!();
        const run = JSON.parse(fs.readFileSync(path.join(dir, "args.json"), "utf8"));
        assert.deepStrictEqual(run.args, ["check", "--format", "json", dir]);
        assert.strictEqual(fs.realpathSync(run.cwd), fs.realpathSync(extDir));
        assert.deepStrictEqual([...state.collections.get("sqlascope-workspace")!.keys()], [path.join(dir, "app.py")]);
      } finally {
        fs.rmSync(extDir, { recursive: true, force: true });
      }
    });

    it("with server workspace diagnostics: turns the server's analyzeWorkspace on instead", async () => {
      behaviour.capabilities = { diagnosticProvider: { identifier: "sqlascope", workspaceDiagnostics: true } };
      await ext.activate(ctx);
      const middleware = last().clientOptions.middleware.workspace.configuration;
      const ask = () => middleware({ items: [{ section: "sqlascope" }] }, undefined, async () => [{}]);
      assert.strictEqual((await ask())[0].analyzeWorkspace, false);
      await state.commands.get("sqlascope.analyzeWorkspace")!();
      assert.deepStrictEqual(last().notifications, [{ method: "workspace/didChangeConfiguration", params: { settings: null } }]);
      assert.strictEqual((await ask())[0].analyzeWorkspace, true);
      assert.ok(!fs.existsSync(path.join(dir, "args.json")), "no `sqlascope check` run");
      assert.strictEqual(state.collections.get("sqlascope-workspace")!.size, 0);
      // A restart forgets the request.
      await state.commands.get("sqlascope.restart")!();
      const again = last().clientOptions.middleware.workspace.configuration;
      assert.strictEqual((await again({ items: [{ section: "sqlascope" }] }, undefined, async () => [{}]))[0].analyzeWorkspace, false);
    });
  });
});
