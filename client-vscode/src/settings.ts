// Pure settings logic: reading the `sqlascope.*` settings and mapping them to what the server understands.
// No `vscode` import, so mocha can test it directly.
import type { ImportStrategy } from "./launch";

export const SECTION = "sqlascope";

export type LogLevel = "error" | "warning" | "info" | "debug";
export type SeverityName = "error" | "warning" | "information" | "hint";

export interface SqlascopeConfig {
  enable: boolean;
  select: string[];
  ignore: string[];
  severity: Record<string, SeverityName>;
  interpreter: string[];
  importStrategy: ImportStrategy;
  path: string[];
  analyzeWorkspace: boolean;
  logLevel: LogLevel;
  sessionHelpers: string[];
  /** Seconds the analysis of one file may take (0: unbounded); null: the project's `time-budget`, else the server's. */
  timeBudget: number | null;
  /** Larger files (bytes of UTF-8) are not analysed; null: the server's default (the analyzer's own limit). */
  maxFileSize: number | null;
}

export const DEFAULTS: SqlascopeConfig = {
  enable: true,
  select: [],
  ignore: [],
  severity: {},
  interpreter: [],
  importStrategy: "useBundled",
  path: [],
  analyzeWorkspace: false,
  logLevel: "warning",
  sessionHelpers: [],
  timeBudget: null,
  maxFileSize: null,
};

/** Settings that only take effect when the server is started again. */
export const RESTART_SETTINGS = ["enable", "interpreter", "importStrategy", "path", "logLevel", "analyzeWorkspace"] as const;

const SEVERITIES: readonly string[] = ["error", "warning", "information", "hint"];
const LOG_LEVELS: readonly string[] = ["error", "warning", "info", "debug"];

function strings(value: unknown): string[] {
  if (typeof value === "string") value = [value];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === "string").map((v) => v.trim()).filter((v) => v.length > 0);
}

/** A finite number ≥ ``min`` (bounds included when ``inclusive``), else null (the setting is left to the server). */
function numberAtLeast(value: unknown, min: number, inclusive: boolean): number | null {
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  return value > min || (inclusive && value === min) ? value : null;
}

function codes(value: unknown): string[] {
  return strings(value).map((v) => v.toUpperCase());
}

function severityTable(value: unknown): Record<string, SeverityName> {
  const out: Record<string, SeverityName> = {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [code, level] of Object.entries(value as Record<string, unknown>)) {
    const name = typeof level === "string" ? level.trim().toLowerCase() : "";
    const key = code.trim().toUpperCase();
    if (key && SEVERITIES.includes(name)) out[key] = name as SeverityName;
  }
  return out;
}

/** Read and normalise the settings through `get(key)` (e.g. `workspace.getConfiguration("sqlascope").get`). */
export function readConfig(get: (key: keyof SqlascopeConfig) => unknown): SqlascopeConfig {
  const strategy = get("importStrategy");
  const logLevel = get("logLevel");
  const enable = get("enable");
  const analyze = get("analyzeWorkspace");
  return {
    enable: typeof enable === "boolean" ? enable : DEFAULTS.enable,
    select: codes(get("select")),
    ignore: codes(get("ignore")),
    severity: severityTable(get("severity")),
    interpreter: strings(get("interpreter")),
    importStrategy: strategy === "fromEnvironment" ? "fromEnvironment" : "useBundled",
    path: strings(get("path")),
    analyzeWorkspace: typeof analyze === "boolean" ? analyze : DEFAULTS.analyzeWorkspace,
    logLevel: typeof logLevel === "string" && LOG_LEVELS.includes(logLevel) ? (logLevel as LogLevel) : DEFAULTS.logLevel,
    sessionHelpers: strings(get("sessionHelpers")),
    timeBudget: numberAtLeast(get("timeBudget"), 0, true),
    maxFileSize: numberAtLeast(get("maxFileSize"), 0, false),
  };
}

/** What the server reads from `initializationOptions` and from `workspace/configuration` (section "sqlascope"). */
export interface ServerSettings {
  select: string[];
  ignore: string[];
  severity: Record<string, SeverityName>;
  sessionHelpers: string[];
  /** The name the server (lsp/settings.py → config.settings_from_mapping) reads today. */
  session_helpers: string[];
  /** The server's background pass over every indexed file (re-read on `workspace/didChangeConfiguration`). */
  analyzeWorkspace: boolean;
  /** Only when set: an absent key lets `[tool.sqlascope] time-budget` and the server's default apply. */
  timeBudget?: number;
  maxFileSize?: number;
}

export interface InitializationOptions extends ServerSettings {
  logLevel: LogLevel;
  /** The interpreter that runs the server (executable plus leading arguments). */
  pythonPath: string[];
}

export function toServerSettings(config: SqlascopeConfig): ServerSettings {
  return {
    select: [...config.select],
    ignore: [...config.ignore],
    severity: { ...config.severity },
    sessionHelpers: [...config.sessionHelpers],
    session_helpers: [...config.sessionHelpers],
    analyzeWorkspace: config.analyzeWorkspace,
    ...(config.timeBudget !== null ? { timeBudget: config.timeBudget } : {}),
    ...(config.maxFileSize !== null ? { maxFileSize: config.maxFileSize } : {}),
  };
}

export function toInitializationOptions(config: SqlascopeConfig, pythonPath: string[] = config.interpreter): InitializationOptions {
  return {
    ...toServerSettings(config),
    logLevel: config.logLevel,
    pythonPath: [...pythonPath],
  };
}

export interface WorkspacePass {
  /** The server's background pass reaches this client (`workspaceAnalysisRoute(...) === "server"`). */
  serverPass: boolean;
  /** `sqlascope: Analyze Workspace` asked for it in this session. */
  requested: boolean;
}

/**
 * Answer to the server's `workspace/configuration` request for the `sqlascope` section (raw settings object in).
 * `analyzeWorkspace` is on when the setting is or the command asked for it, and only when the server's pass reaches
 * this client: otherwise the extension runs `sqlascope check` itself and the server's pass would be wasted work (the
 * server pulls this before it starts the pass, so `false` here stops the one `initializationOptions` asked for).
 */
export function configurationResponse(raw: unknown, pass: WorkspacePass = { serverPass: true, requested: false }): ServerSettings {
  const table = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const settings = toServerSettings(readConfig((key) => table[key]));
  settings.analyzeWorkspace = pass.serverPass && (settings.analyzeWorkspace || pass.requested);
  return settings;
}

/**
 * How `sqlascope: Analyze Workspace` reaches files that are not open. "server": the server's own background pass
 * (`analyzeWorkspace`) reaches this client, so the command only turns it on; that needs a server that answers
 * `workspace/diagnostic` (`diagnosticProvider.workspaceDiagnostics`), because VS Code pulls diagnostics and a
 * pulling client is never pushed to. "cli": `sqlascope check --format json` in a child process, its findings in a
 * diagnostic collection of the extension's own.
 */
export function workspaceAnalysisRoute(serverCapabilities: unknown): "server" | "cli" {
  const caps = serverCapabilities !== null && typeof serverCapabilities === "object" ? (serverCapabilities as Record<string, unknown>) : {};
  const provider = caps.diagnosticProvider;
  if (provider !== null && typeof provider === "object" && (provider as Record<string, unknown>).workspaceDiagnostics === true) {
    return "server";
  }
  return "cli";
}

/** Settings an untrusted workspace may not set (package.json: capabilities.untrustedWorkspaces.restrictedConfigurations). */
export const RESTRICTED_SETTINGS: readonly (keyof SqlascopeConfig)[] = ["interpreter", "path", "importStrategy"];

/** The parts of `WorkspaceConfiguration.inspect(key)` this needs. */
export interface Inspected {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * A `get(key)` for `readConfig` that, in an untrusted workspace (`trusted` false), reads the restricted settings
 * from the user settings (else the default) only: a workspace's `.vscode/settings.json` must not choose the program
 * the extension runs.
 */
export function trustAwareGetter(get: (key: keyof SqlascopeConfig) => unknown,
                                 inspect: (key: keyof SqlascopeConfig) => Inspected | undefined,
                                 trusted: boolean): (key: keyof SqlascopeConfig) => unknown {
  return (key) => {
    if (trusted || !RESTRICTED_SETTINGS.includes(key)) return get(key);
    const inspected = inspect(key);
    return inspected?.globalValue !== undefined ? inspected.globalValue : inspected?.defaultValue;
  };
}

/** The restricted settings a workspace sets and an untrusted workspace therefore does not get (for the log). */
export function ignoredWorkspaceSettings(inspect: (key: keyof SqlascopeConfig) => Inspected | undefined,
                                         trusted: boolean): string[] {
  if (trusted) return [];
  return RESTRICTED_SETTINGS.filter((key) => {
    const inspected = inspect(key);
    return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
  }).map((key) => `${SECTION}.${key}`);
}

/** True when a change of the given setting (without the `sqlascope.` prefix) needs a server restart. */
export function needsRestart(affected: (section: string) => boolean): boolean {
  return RESTART_SETTINGS.some((key) => affected(`${SECTION}.${key}`));
}

/** `sqlascope.severity` applied to a code (the first matching prefix wins, like the server). */
export function severityFor(code: string, table: Record<string, SeverityName>, fallback: SeverityName): SeverityName {
  for (const [prefix, level] of Object.entries(table)) {
    if (code.toUpperCase().startsWith(prefix)) return level;
  }
  return fallback;
}
