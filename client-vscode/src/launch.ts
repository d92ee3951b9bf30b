// Pure launch logic: how the server process is started. No `vscode` import, so mocha can test it directly.
import * as path from "path";

export type ImportStrategy = "useBundled" | "fromEnvironment";

export interface LaunchOptions {
  /** `sqlascope.importStrategy`. */
  importStrategy: ImportStrategy;
  /** `sqlascope.path`: a custom command that starts the server over stdio; wins when non-empty. */
  path: string[];
  /** The resolved interpreter (executable plus optional leading arguments), see `resolveInterpreter`. */
  interpreter: string[];
  /** `<extension>/bundled/libs`: where `npm run bundle-server` vendors sqlascope and its dependencies. */
  bundledLibsDir: string;
  /** Base environment of the server (default: none, i.e. only the variables set here). */
  env?: Record<string, string | undefined>;
  /** `path.delimiter` of the target platform (default: this one's). */
  delimiter?: string;
}

export interface ServerCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** What was chosen, for the log and the status bar tooltip. */
  strategy: "custom" | ImportStrategy;
}

export const SERVER_MODULE_ARGS = ["-m", "sqlascope", "serve"];

export class LaunchError extends Error {}

function clean(values: readonly unknown[] | undefined): string[] {
  return (values ?? []).filter((v): v is string => typeof v === "string").map((v) => v.trim()).filter((v) => v.length > 0);
}

function baseEnv(env: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env ?? {})) {
    if (typeof v === "string") out[k] = v;
  }
  return out;
}

/** The command line and environment that start the sqlascope language server over stdio. */
export function buildServerCommand(options: LaunchOptions): ServerCommand {
  const env = baseEnv(options.env);
  env.PYTHONUNBUFFERED = "1";
  const custom = clean(options.path);
  if (custom.length > 0) {
    return { command: custom[0], args: custom.slice(1), env, strategy: "custom" };
  }
  const interpreter = clean(options.interpreter);
  if (interpreter.length === 0) {
    throw new LaunchError("no Python interpreter: select one with the Python extension or set `sqlascope.interpreter`");
  }
  const args = [...interpreter.slice(1), ...SERVER_MODULE_ARGS];
  if (options.importStrategy === "fromEnvironment") {
    return { command: interpreter[0], args, env, strategy: "fromEnvironment" };
  }
  const delimiter = options.delimiter ?? path.delimiter;
  const existing = env.PYTHONPATH;
  env.PYTHONPATH = existing ? `${options.bundledLibsDir}${delimiter}${existing}` : options.bundledLibsDir;
  return { command: interpreter[0], args, env, strategy: "useBundled" };
}

export type InterpreterSource = "python-extension" | "setting" | "default";

export interface ResolvedInterpreter {
  interpreter: string[];
  source: InterpreterSource;
}

export const DEFAULT_INTERPRETER = "python3";

/**
 * Which interpreter runs the server: the Python extension's active environment when it gave one, then the
 * `sqlascope.interpreter` setting, then `python3` on PATH. `untrustedFolders`: the folders of an untrusted
 * workspace; an interpreter of the Python extension inside them (a `.venv` the workspace brought) is not run.
 */
export function resolveInterpreter(fromPythonExtension: string | undefined, setting: readonly unknown[] | undefined,
                                   fallback: string = DEFAULT_INTERPRETER,
                                   untrustedFolders?: readonly string[]): ResolvedInterpreter {
  if (typeof fromPythonExtension === "string" && fromPythonExtension.trim()
      && !(untrustedFolders && isInside(fromPythonExtension.trim(), untrustedFolders))) {
    return { interpreter: [fromPythonExtension.trim()], source: "python-extension" };
  }
  const configured = clean(setting);
  if (configured.length > 0) {
    return { interpreter: configured, source: "setting" };
  }
  return { interpreter: [fallback], source: "default" };
}

/** `serve` command → `check --format json` command for the same server, or undefined when it cannot be derived. */
export function buildCheckCommand(server: ServerCommand, paths: string[], select: string[] = [], ignore: string[] = []):
    ServerCommand | undefined {
  const at = server.args.lastIndexOf("serve");
  if (at < 0) return undefined;
  const args = [...server.args.slice(0, at), "check", "--format", "json"];
  if (select.length) args.push("--select", select.join(","));
  if (ignore.length) args.push("--ignore", ignore.join(","));
  args.push(...paths);
  return { ...server, args };
}

/** True when `file` is `folders[i]` or lies below one of them (paths compared after `path.resolve`). */
export function isInside(file: string, folders: readonly string[], pathApi: typeof path = path): boolean {
  const target = pathApi.resolve(file);
  return folders.some((folder) => {
    const relative = pathApi.relative(pathApi.resolve(folder), target);
    return relative === "" || (relative !== ".." && !relative.startsWith(`..${pathApi.sep}`) && !pathApi.isAbsolute(relative));
  });
}

/**
 * The server's working directory: the workspace folder when it is trusted; otherwise the extension's folder, so
 * that neither `python -m sqlascope` (which puts the working directory first on `sys.path`) nor a relative
 * interpreter path picks up a file of the untrusted workspace.
 */
export function serverCwd(trusted: boolean, workspaceFolder: string | undefined, extensionDir: string): string | undefined {
  return trusted ? workspaceFolder : extensionDir;
}
