// Stand-in for `@vscode/python-extension`: `installed` / `executable` control what PythonExtension.api() gives.
import { EventEmitter, Uri } from "./vscode";

export const fake = {
  installed: false,
  executable: undefined as string | undefined,
  changed: new EventEmitter<unknown>(),
  activeCalls: 0,
};

export function resetFake(): void {
  fake.installed = false;
  fake.executable = undefined;
  fake.changed = new EventEmitter();
  fake.activeCalls = 0;
}

export const PVSC_EXTENSION_ID = "ms-python.python";

export namespace PythonExtension {
  export async function api(): Promise<any> {
    if (!fake.installed) throw new Error("Python extension is not installed or is disabled");
    return {
      environments: {
        getActiveEnvironmentPath: (_resource?: unknown) => {
          fake.activeCalls++;
          return { id: "active", path: fake.executable ?? "/env" };
        },
        resolveEnvironment: async (env: { path: string }) =>
          fake.executable === undefined ? undefined : { executable: { uri: Uri.file(env.path) } },
        onDidChangeActiveEnvironmentPath: (listener: (e: unknown) => unknown) => fake.changed.event(listener),
      },
    };
  }
}
