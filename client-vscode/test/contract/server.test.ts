// Contract test: the real Python server, started with exactly the command and initializationOptions the extension
// builds (src/launch.ts, src/settings.ts), driven over stdio with vscode-jsonrpc like vscode-languageclient does.
import * as assert from "assert";
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import { buildServerCommand, ImportStrategy, resolveInterpreter, ServerCommand } from "../../src/launch";
import { configurationResponse, readConfig, SqlascopeConfig, toInitializationOptions } from "../../src/settings";

const EXTENSION_ROOT = path.resolve(__dirname, "..", "..", "..");
const REPO = path.resolve(EXTENSION_ROOT, "..");
const WORKSPACE = path.join(REPO, "examples");
const SERVICES = path.join(WORKSPACE, "shop", "services.py");
const BUNDLED_LIBS = path.join(EXTENSION_ROOT, "bundled", "libs");

/** SQLASCOPE_TEST_PYTHON, else the repo's .venv, else python3 (what `sqlascope.interpreter` would hold). */
function testInterpreter(): string[] {
  if (process.env.SQLASCOPE_TEST_PYTHON) return [process.env.SQLASCOPE_TEST_PYTHON];
  const venv = path.join(REPO, ".venv", "bin", "python");
  return [fs.existsSync(venv) ? venv : "python3"];
}

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
  relatedInformation?: unknown[];
}

class Session {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly configurationRequests: unknown[] = [];
  readonly stderr: string[] = [];
  private waiters: (() => void)[] = [];
  private constructor(readonly proc: ChildProcess, readonly conn: MessageConnection, public settings: Record<string, unknown>) {}

  static async start(server: ServerCommand, config: SqlascopeConfig, settings: Record<string, unknown>, interpreter: string[]): Promise<Session> {
    const proc = spawn(server.command, server.args, { env: server.env, cwd: WORKSPACE, stdio: ["pipe", "pipe", "pipe"] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const session = new Session(proc, conn, settings);
    proc.stderr!.on("data", (d) => session.stderr.push(String(d)));
    conn.onNotification("textDocument/publishDiagnostics", (params: { uri: string; diagnostics: Diagnostic[] }) => {
      session.diagnostics.set(params.uri, params.diagnostics);
      session.waiters.splice(0).forEach((w) => w());
    });
    conn.onNotification("window/logMessage", () => undefined);
    conn.onNotification("window/showMessage", () => undefined);
    // What the extension's middleware answers (the raw VS Code section, reshaped by configurationResponse).
    conn.onRequest("workspace/configuration", (params: { items: { section?: string }[] }) => {
      session.configurationRequests.push(params);
      return params.items.map((item) => (item.section === "sqlascope" ? configurationResponse(session.settings) : null));
    });
    conn.onRequest("client/registerCapability", () => null);
    conn.onRequest("workspace/diagnostic/refresh", () => null);
    conn.listen();
    const result = await conn.sendRequest("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(WORKSPACE).href,
      workspaceFolders: [{ uri: pathToFileURL(WORKSPACE).href, name: "examples" }],
      initializationOptions: toInitializationOptions(config, interpreter),
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
        },
      },
    });
    assert.ok(result, "initialize returned nothing");
    await conn.sendNotification("initialized", {});
    return session;
  }

  open(file: string): string {
    const uri = pathToFileURL(file).href;
    void this.conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "python", version: 1, text: fs.readFileSync(file, "utf8") },
    });
    return uri;
  }

  /** Wait until `predicate` holds for the latest diagnostics of `uri`. */
  async until(uri: string, predicate: (d: Diagnostic[]) => boolean, timeoutMs = 60000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = this.diagnostics.get(uri);
      if (current && predicate(current)) return current;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`timed out; last diagnostics: ${JSON.stringify(current)}\nserver stderr: ${this.stderr.join("")}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.proc.exitCode !== null) resolve(this.proc.exitCode);
      else this.proc.once("exit", (code) => resolve(code));
    });
    try {
      await Promise.race([this.conn.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 5000))]);
      await this.conn.sendNotification("exit");
    } catch { /* already gone */ }
    const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
    if (this.proc.exitCode === null) this.proc.kill();
    this.conn.dispose();
    return code;
  }
}

function bugLines(file: string): { bugs: Set<number>; oks: Set<number>; lazyOrders: number } {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const bugs = new Set<number>(), oks = new Set<number>();
  lines.forEach((l, i) => { if (/#\s*BUG:/.test(l)) bugs.add(i); if (/#\s*OK:/.test(l)) oks.add(i); });
  const lazyOrders = lines.findIndex((l) => /#\s*BUG:/.test(l) && l.includes("user.orders"));
  return { bugs, oks, lazyOrders };
}

function strategies(): { strategy: ImportStrategy; interpreter: string[] }[] {
  const out: { strategy: ImportStrategy; interpreter: string[] }[] = [{ strategy: "fromEnvironment", interpreter: testInterpreter() }];
  // useBundled runs on a plain interpreter: the server must come from bundled/libs (npm run bundle-server).
  out.push({ strategy: "useBundled", interpreter: [process.env.SQLASCOPE_TEST_BUNDLED_PYTHON || "python3"] });
  return out;
}

for (const { strategy, interpreter } of strategies()) {
  describe(`contract: ${strategy} server (${interpreter.join(" ")})`, function () {
    this.timeout(120000);
    let session: Session | undefined;

    const launch = async (values: Record<string, unknown>): Promise<Session> => {
      const settings = { importStrategy: strategy, ...values };
      const config = readConfig((key) => (settings as Record<string, unknown>)[key]);
      const resolved = resolveInterpreter(undefined, interpreter);
      const server = buildServerCommand({ importStrategy: config.importStrategy, path: config.path, interpreter: resolved.interpreter,
        bundledLibsDir: BUNDLED_LIBS, env: process.env });
      session = await Session.start(server, config, settings, resolved.interpreter);
      return session;
    };

    before(function () {
      const probe = buildServerCommand({ importStrategy: strategy, path: [], interpreter, bundledLibsDir: BUNDLED_LIBS, env: process.env });
      if (strategy === "useBundled") {
        assert.ok(fs.existsSync(path.join(BUNDLED_LIBS, "sqlascope", "__init__.py")), "run `npm run bundle-server` first");
      }
      let where: string;
      try {
        where = execFileSync(probe.command, [...probe.args.slice(0, -3), "-c", "import sqlascope; print(sqlascope.__file__)"],
          { env: probe.env, stdio: ["ignore", "pipe", "pipe"] }).toString().trim();
      } catch (err) {
        throw new Error(`${interpreter.join(" ")} cannot import sqlascope (${strategy}); ` +
          "set SQLASCOPE_TEST_PYTHON to an interpreter that has it installed, or create ../.venv: " + String(err));
      }
      if (strategy === "useBundled") assert.ok(where.startsWith(BUNDLED_LIBS), `sqlascope imported from ${where}, not the bundle`);
    });

    afterEach(async () => {
      if (session) {
        const code = await session.stop();
        assert.strictEqual(code, 0, `server exit code ${code}`);
        session = undefined;
      }
    });

    it("publishes sqlascope diagnostics on the BUG lines of examples/shop/services.py", async () => {
      const s = await launch({});
      const uri = s.open(SERVICES);
      const { bugs, oks, lazyOrders } = bugLines(SERVICES);
      const diagnostics = await s.until(uri, (d) => d.length >= 5);
      assert.ok(diagnostics.length >= 5, `only ${diagnostics.length} diagnostics`);
      for (const d of diagnostics) {
        assert.strictEqual(d.source, "sqlascope");
        assert.match(String(d.code), /^SQS\d{3}$/);
        assert.ok(bugs.has(d.range.start.line), `diagnostic on line ${d.range.start.line + 1}, not a BUG line: ${d.message}`);
        assert.ok(!oks.has(d.range.start.line));
      }
      assert.ok(lazyOrders >= 0);
      assert.ok(diagnostics.some((d) => d.code === "SQS102" && d.range.start.line === lazyOrders),
        `no SQS102 on line ${lazyOrders + 1}: ${JSON.stringify(diagnostics.map((d) => [d.code, d.range.start.line + 1]))}`);
      assert.ok(diagnostics.some((d) => (d.relatedInformation ?? []).length > 0), "no related information");
      assert.ok(s.configurationRequests.length >= 1, "the server never asked for the sqlascope section");
    });

    it("honours sqlascope.ignore and sqlascope.severity from initializationOptions / workspace configuration", async () => {
      const s = await launch({ ignore: ["SQS102"], severity: { SQS101: "hint" } });
      const uri = s.open(SERVICES);
      const diagnostics = await s.until(uri, (d) => d.length >= 3);
      assert.ok(!diagnostics.some((d) => d.code === "SQS102"), "SQS102 was ignored");
      const sqs101 = diagnostics.filter((d) => d.code === "SQS101");
      assert.ok(sqs101.length > 0);
      assert.ok(sqs101.every((d) => d.severity === 4), "SQS101 should be a hint");
    });

    it("applies changed settings after workspace/didChangeConfiguration", async () => {
      const s = await launch({});
      const uri = s.open(SERVICES);
      await s.until(uri, (d) => d.some((x) => x.code === "SQS102"));
      s.settings = { ...s.settings, select: ["SQS107"] };
      await s.conn.sendNotification("workspace/didChangeConfiguration", { settings: { sqlascope: s.settings } });
      const after = await s.until(uri, (d) => d.length > 0 && d.every((x) => x.code === "SQS107"));
      assert.ok(after.length >= 1);
    });
  });
}
