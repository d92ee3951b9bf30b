// The interpreter the Python extension (ms-python.python) has selected, when it is installed.
import { PythonExtension } from "@vscode/python-extension";
import type { Disposable, Uri } from "vscode";

let cached: Promise<PythonExtension | undefined> | undefined;

/** The Python extension API, or undefined when it is not installed / fails to activate. */
export function pythonApi(): Promise<PythonExtension | undefined> {
  if (!cached) {
    cached = PythonExtension.api().then((api) => api, () => undefined);
  }
  return cached;
}

/** Forget the cached API (tests). */
export function resetPythonApi(): void {
  cached = undefined;
}

/** Executable of the Python extension's active environment for `resource`, or undefined. */
export async function interpreterFromPythonExtension(resource?: Uri): Promise<string | undefined> {
  try {
    const api = await pythonApi();
    if (!api) return undefined;
    const active = api.environments.getActiveEnvironmentPath(resource);
    const resolved = await api.environments.resolveEnvironment(active);
    return resolved?.executable?.uri?.fsPath ?? undefined;
  } catch {
    return undefined;
  }
}

/** Subscribe to interpreter changes in the Python extension; undefined when it is not installed. */
export async function onDidChangeInterpreter(listener: () => unknown): Promise<Disposable | undefined> {
  const api = await pythonApi();
  if (!api) return undefined;
  return api.environments.onDidChangeActiveEnvironmentPath(() => listener());
}
