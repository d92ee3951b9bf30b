// VS Code wiring: the language client, commands, status bar, restarts. The decisions live in launch.ts / settings.ts.
import { execFile } from "child_process";
import * as fs from "fs";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
} from "vscode-languageclient/node";
import { parseCheckOutput } from "./checkOutput";
import {
  buildCheckCommand, buildServerCommand, ResolvedInterpreter, resolveInterpreter, ServerCommand, serverCwd,
} from "./launch";
import { interpreterFromPythonExtension, onDidChangeInterpreter } from "./python";
import {
  configurationResponse,
  ignoredWorkspaceSettings,
  Inspected,
  needsRestart,
  readConfig,
  SECTION,
  SqlascopeConfig,
  toInitializationOptions,
  trustAwareGetter,
  workspaceAnalysisRoute,
} from "./settings";

type Status = "starting" | "ready" | "error" | "disabled" | "stopped";

let context: vscode.ExtensionContext;
let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let statusItem: vscode.StatusBarItem;
let workspaceDiagnostics: vscode.DiagnosticCollection;
let lastLaunch: {
  server?: ServerCommand; interpreter?: ResolvedInterpreter; config?: SqlascopeConfig; trusted?: boolean; cwd?: string;
} = {};
/** Set by `sqlascope: Analyze Workspace` when the server does the analysis: sent as `analyzeWorkspace` until a restart. */
let analyzeWorkspaceRequested = false;
let queue: Promise<void> = Promise.resolve();

function log(message: string): void {
  output.appendLine(`[${new Date().toISOString()}] ${message}`);
}

function folderUri(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

function isTrusted(): boolean {
  return vscode.workspace.isTrusted !== false;
}

function inspector(section: vscode.WorkspaceConfiguration): (key: keyof SqlascopeConfig) => Inspected | undefined {
  return (key) => section.inspect(key);
}

/** The settings; in an untrusted workspace the interpreter, path and import strategy come from user settings only. */
function currentConfig(): SqlascopeConfig {
  const section = vscode.workspace.getConfiguration(SECTION, folderUri());
  return readConfig(trustAwareGetter((key) => section.get(key), inspector(section), isTrusted()));
}

function setStatus(status: Status, detail = ""): void {
  const icons: Record<Status, string> = {
    starting: "$(sync~spin)", ready: "$(check)", error: "$(error)", disabled: "$(circle-slash)", stopped: "$(debug-stop)",
  };
  statusItem.text = `${icons[status]} sqlascope`;
  const lines = [`sqlascope: ${status}`];
  if (detail) lines.push(detail);
  if (lastLaunch.server) lines.push(`server: ${[lastLaunch.server.command, ...lastLaunch.server.args].join(" ")} (${lastLaunch.server.strategy})`);
  if (lastLaunch.interpreter) lines.push(`interpreter from: ${lastLaunch.interpreter.source}`);
  lines.push("Click to show the logs.");
  statusItem.tooltip = lines.join("\n");
  statusItem.backgroundColor = status === "error" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
  statusItem.show();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (!running) return;
  try {
    await running.stop(5000);
  } catch (err) {
    log(`stopping the server failed: ${String(err)}`);
  }
}

async function start(): Promise<void> {
  const config = currentConfig();
  const trusted = isTrusted();
  lastLaunch = { config, trusted };
  analyzeWorkspaceRequested = false;
  if (!trusted) {
    const ignored = ignoredWorkspaceSettings(inspector(vscode.workspace.getConfiguration(SECTION, folderUri())), false);
    log(`Restricted Mode (untrusted workspace): ${ignored.length ? `ignoring the workspace's ${ignored.join(", ")}; ` : ""}`
      + "interpreter, path and import strategy come from user settings only");
  }
  if (!config.enable) {
    workspaceDiagnostics.clear();
    setStatus("disabled", "`sqlascope.enable` is false");
    return;
  }
  setStatus("starting");
  const untrustedFolders = trusted ? undefined : (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const interpreter = resolveInterpreter(await interpreterFromPythonExtension(folderUri()), config.interpreter, undefined,
    untrustedFolders);
  lastLaunch.interpreter = interpreter;
  const bundledLibsDir = context.asAbsolutePath("bundled/libs");
  let server: ServerCommand;
  try {
    server = buildServerCommand({
      importStrategy: config.importStrategy, path: config.path, interpreter: interpreter.interpreter, bundledLibsDir,
      env: process.env,
    });
  } catch (err) {
    log(String(err));
    setStatus("error", String(err));
    return;
  }
  lastLaunch.server = server;
  if (server.strategy === "useBundled" && !fs.existsSync(bundledLibsDir)) {
    log(`warning: ${bundledLibsDir} is missing (run \`npm run bundle-server\`); the interpreter's own sqlascope is used if any`);
  }
  const cwd = serverCwd(trusted, folderUri()?.fsPath, context.extensionPath ?? context.asAbsolutePath("."));
  lastLaunch.cwd = cwd;
  log(`starting: ${[server.command, ...server.args].join(" ")} (strategy ${server.strategy}, interpreter from ${interpreter.source})`);

  const serverOptions: ServerOptions = {
    command: server.command,
    args: server.args,
    options: { env: server.env, cwd },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "python" }],
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: toInitializationOptions(config, interpreter.interpreter),
    synchronize: { configurationSection: SECTION },
    middleware: {
      workspace: {
        // The server asks for the "sqlascope" section: answer in the shape it reads (see settings.ts).
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          const pass = {
            serverPass: workspaceAnalysisRoute(client?.initializeResult?.capabilities) === "server",
            requested: analyzeWorkspaceRequested,
          };
          return params.items.map((item, i) => (item.section === SECTION ? configurationResponse(result[i], pass) : result[i]));
        },
      },
    },
  };
  const created = new LanguageClient("sqlascope", "sqlascope", serverOptions, clientOptions);
  client = created;
  created.onDidChangeState((event) => {
    if (client !== created) return;
    if (event.newState === State.Running) setStatus("ready");
    else if (event.newState === State.Starting) setStatus("starting");
    else if (event.newState === State.Stopped) setStatus("stopped", "the server stopped; run `sqlascope: Restart Server`");
  });
  try {
    await created.start();
    if (client === created) setStatus("ready");
    log("server ready");
    if (config.analyzeWorkspace) {
      const route = workspaceAnalysisRoute(created.initializeResult?.capabilities);
      log(`analyzeWorkspace: ${route === "server" ? "the server's background pass"
        : "`sqlascope check` in the extension (the server offers no workspace diagnostics)"}`);
      if (route === "cli") void analyzeWorkspace(false);
    }
  } catch (err) {
    log(`the server failed to start: ${String(err)}`);
    if (client === created) setStatus("error", `failed to start: ${String(err)}`);
  }
}

/** Queue a (re)start so that overlapping triggers never run two servers. */
function restart(): Promise<void> {
  queue = queue.catch(() => undefined).then(async () => {
    await stop();
    await start();
  });
  return queue;
}

function run(command: ServerCommand, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command.command, command.args, { cwd, env: command.env, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) || (error && code === -1 ? String(error) : "") });
      });
  });
}

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function toRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/**
 * Problems for the files that are not open. When the server offers workspace diagnostics (see
 * `workspaceAnalysisRoute`), turn on its background pass: answer `analyzeWorkspace: true` to its
 * `workspace/configuration` and tell it the configuration changed. Otherwise run `sqlascope check --format json`
 * over each workspace folder, with the same interpreter and server as the language server; the findings of files
 * that are not open go into a separate collection (open files: the server's own).
 */
async function analyzeWorkspace(interactive: boolean): Promise<void> {
  const running = client;
  if (running && workspaceAnalysisRoute(running.initializeResult?.capabilities) === "server") {
    // The server re-analyses on its own after saves and setting changes: only the command has something to do.
    if (!interactive || running.state !== State.Running) return;
    analyzeWorkspaceRequested = true;
    log("asking the server to analyse the workspace (analyzeWorkspace: true)");
    await running.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    return;
  }
  const config = lastLaunch.config ?? currentConfig();
  const server = lastLaunch.server;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!running || !server || folders.length === 0) {
    if (interactive) void vscode.window.showWarningMessage("sqlascope: no running server or no workspace folder to analyse.");
    return;
  }
  const trusted = lastLaunch.trusted ?? isTrusted();
  if (!buildCheckCommand(server, ["."])) {
    if (interactive) void vscode.window.showWarningMessage("sqlascope: `sqlascope.path` does not end in `serve`; cannot derive the `check` command.");
    return;
  }
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: "sqlascope: analysing the workspace" },
    async () => {
      workspaceDiagnostics.clear();
      const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.fsPath));
      let total = 0;
      for (const folder of folders) {
        // Untrusted: run outside the folder (see serverCwd) and name it by its absolute path.
        const cwd = trusted ? folder.uri.fsPath : (lastLaunch.cwd ?? context.extensionPath);
        const check = buildCheckCommand(server, [trusted ? "." : folder.uri.fsPath], config.select, config.ignore)!;
        log(`analysing ${folder.uri.fsPath}: ${[check.command, ...check.args].join(" ")}`);
        const result = await run(check, cwd);
        if (result.code !== 0 && result.code !== 1) {
          log(`sqlascope check failed (exit ${result.code}): ${result.stderr}`);
          if (!/^[[{]/.test(result.stdout.trim())) {
            if (interactive) void vscode.window.showErrorMessage(`sqlascope: analysing ${folder.name} failed; see the logs.`);
            continue;
          }
        }
        let findings;
        try {
          findings = parseCheckOutput(result.stdout, cwd, config.severity);
        } catch (err) {
          log(`cannot read the output of sqlascope check: ${String(err)}`);
          continue;
        }
        for (const [file, list] of findings) {
          total += list.length;
          if (open.has(file)) continue;
          workspaceDiagnostics.set(vscode.Uri.file(file), list.map((f) => {
            const d = new vscode.Diagnostic(toRange(f.range), f.message, SEVERITY[f.severity]);
            d.code = f.code;
            d.source = "sqlascope";
            d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(
              new vscode.Location(vscode.Uri.file(r.file), toRange(r.range)), r.message));
            return d;
          }));
        }
      }
      log(`workspace analysis: ${total} finding(s)`);
    });
}

export async function activate(ctx: vscode.ExtensionContext): Promise<void> {
  context = ctx;
  output = vscode.window.createOutputChannel("sqlascope");
  statusItem = vscode.window.createStatusBarItem("sqlascope.status", vscode.StatusBarAlignment.Right, 100);
  statusItem.name = "sqlascope";
  statusItem.command = "sqlascope.showLogs";
  workspaceDiagnostics = vscode.languages.createDiagnosticCollection("sqlascope-workspace");
  ctx.subscriptions.push(
    output,
    statusItem,
    workspaceDiagnostics,
    vscode.commands.registerCommand("sqlascope.restart", () => restart()),
    vscode.commands.registerCommand("sqlascope.showLogs", () => output.show(true)),
    vscode.commands.registerCommand("sqlascope.analyzeWorkspace", () => analyzeWorkspace(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (needsRestart((section) => event.affectsConfiguration(section))) {
        log("settings changed: restarting the server");
        void restart();
      } else if (event.affectsConfiguration(SECTION)) {
        lastLaunch.config = currentConfig();
        if (lastLaunch.config.analyzeWorkspace && client) void analyzeWorkspace(false);
      }
    }),
    // The server reports open files itself: drop their workspace-analysis entries so nothing shows twice.
    vscode.workspace.onDidOpenTextDocument((doc) => workspaceDiagnostics.delete(doc.uri)),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (doc.languageId === "python" && lastLaunch.config?.analyzeWorkspace && client) void analyzeWorkspace(false);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      log("workspace trusted: restarting the server with the workspace's settings");
      void restart();
    }),
  );
  const subscription = await onDidChangeInterpreter(() => {
    log("the Python extension's interpreter changed: restarting the server");
    void restart();
  });
  if (subscription) ctx.subscriptions.push(subscription);
  await restart();
}

export async function deactivate(): Promise<void> {
  await queue.catch(() => undefined);
  await stop();
}

/** For tests. */
export const _internal = { restart, analyzeWorkspace, get client() { return client; }, get lastLaunch() { return lastLaunch; } };
