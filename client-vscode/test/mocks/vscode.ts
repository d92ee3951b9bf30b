// A small stand-in for the `vscode` module: just what src/ uses, with hooks for the tests.
type Listener<T> = (e: T) => unknown;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((l) => l !== listener); } };
  };
  fire(value: T): void { for (const l of [...this.listeners]) l(value); }
}

export class Uri {
  private constructor(public readonly scheme: string, public readonly fsPath: string) {}
  static file(p: string): Uri { return new Uri("file", p); }
  toString(): string { return `${this.scheme}://${this.fsPath}`; }
}

export class Position { constructor(public line: number, public character: number) {} }
export class Range {
  start: Position; end: Position;
  constructor(sl: number, sc: number, el: number, ec: number) { this.start = new Position(sl, sc); this.end = new Position(el, ec); }
}
export class Location { constructor(public uri: Uri, public range: Range) {} }
export class DiagnosticRelatedInformation { constructor(public location: Location, public message: string) {} }
export enum DiagnosticSeverity { Error = 0, Warning = 1, Information = 2, Hint = 3 }
export class Diagnostic {
  code?: string; source?: string; relatedInformation?: DiagnosticRelatedInformation[];
  constructor(public range: Range, public message: string, public severity: DiagnosticSeverity) {}
}
export class ThemeColor { constructor(public id: string) {} }
export enum StatusBarAlignment { Left = 1, Right = 2 }
export enum ProgressLocation { SourceControl = 1, Window = 10, Notification = 15 }

export const state = {
  /** Effective values (scope unspecified). */
  settings: {} as Record<string, unknown>,
  /** Values by scope, for `inspect`; `get` prefers workspace over `settings` over user values, as VS Code does. */
  userSettings: {} as Record<string, unknown>,
  workspaceSettings: {} as Record<string, unknown>,
  isTrusted: true,
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  outputChannels: [] as { name: string; lines: string[] }[],
  statusItems: [] as { text: string; tooltip: string; backgroundColor?: ThemeColor; visible: boolean }[],
  collections: new Map<string, Map<string, Diagnostic[]>>(),
  messages: [] as string[],
  onDidChangeConfiguration: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
  onDidOpenTextDocument: new EventEmitter<unknown>(),
  onDidSaveTextDocument: new EventEmitter<unknown>(),
  onDidGrantWorkspaceTrust: new EventEmitter<void>(),
  workspaceFolders: [{ uri: Uri.file("/ws"), name: "ws", index: 0 }] as unknown[] | undefined,
  textDocuments: [] as unknown[],
};

export function resetState(): void {
  state.settings = {};
  state.userSettings = {};
  state.workspaceSettings = {};
  state.isTrusted = true;
  state.commands.clear();
  state.outputChannels.length = 0;
  state.statusItems.length = 0;
  state.collections.clear();
  state.messages.length = 0;
  state.onDidChangeConfiguration = new EventEmitter();
  state.onDidOpenTextDocument = new EventEmitter();
  state.onDidSaveTextDocument = new EventEmitter();
  state.onDidGrantWorkspaceTrust = new EventEmitter();
  state.workspaceFolders = [{ uri: Uri.file("/ws"), name: "ws", index: 0 }];
  state.textDocuments = [];
}

/** Fire onDidChangeConfiguration for the given full setting names ("sqlascope.path", ...). */
export function changeSettings(values: Record<string, unknown>): void {
  Object.assign(state.settings, values);
  const keys = Object.keys(values);
  state.onDidChangeConfiguration.fire({
    affectsConfiguration: (section: string) => keys.some((k) => k === section || k.startsWith(`${section}.`)),
  });
}

export const window = {
  createOutputChannel(name: string) {
    const channel = { name, lines: [] as string[], appendLine(l: string) { this.lines.push(l); }, append(l: string) { this.lines.push(l); },
      show() {}, hide() {}, clear() {}, dispose() {}, replace() {} };
    state.outputChannels.push(channel);
    return channel;
  },
  createStatusBarItem() {
    const item = { text: "", tooltip: "", name: "", command: "", backgroundColor: undefined as ThemeColor | undefined, visible: false,
      show() { this.visible = true; }, hide() { this.visible = false; }, dispose() {} };
    state.statusItems.push(item);
    return item;
  },
  showWarningMessage: async (m: string) => { state.messages.push(m); return undefined; },
  showErrorMessage: async (m: string) => { state.messages.push(m); return undefined; },
  showInformationMessage: async (m: string) => { state.messages.push(m); return undefined; },
  withProgress: async (_o: unknown, task: () => Promise<unknown>) => task(),
};

export const languages = {
  createDiagnosticCollection(name: string) {
    const store = new Map<string, Diagnostic[]>();
    state.collections.set(name, store);
    return {
      name,
      set(uri: Uri, d: Diagnostic[]) { store.set(uri.fsPath, d); },
      delete(uri: Uri) { store.delete(uri.fsPath); },
      clear() { store.clear(); },
      dispose() { store.clear(); },
    };
  },
};

export const commands = {
  registerCommand(id: string, fn: (...args: unknown[]) => unknown) {
    state.commands.set(id, fn);
    return { dispose: () => state.commands.delete(id) };
  },
  executeCommand(id: string, ...args: unknown[]) { return state.commands.get(id)?.(...args); },
};

export const workspace = {
  getConfiguration(section: string) {
    return {
      get<T>(key: string, fallback?: T): T | undefined {
        const full = `${section}.${key}`;
        for (const scope of [state.workspaceSettings, state.settings, state.userSettings]) {
          if (full in scope) return scope[full] as T;
        }
        return fallback;
      },
      inspect(key: string) {
        const full = `${section}.${key}`;
        return {
          key: full,
          defaultValue: undefined,
          globalValue: state.userSettings[full],
          workspaceValue: state.workspaceSettings[full],
          workspaceFolderValue: undefined,
        };
      },
    };
  },
  get isTrusted() { return state.isTrusted; },
  get workspaceFolders() { return state.workspaceFolders; },
  get textDocuments() { return state.textDocuments; },
  get onDidChangeConfiguration() { return state.onDidChangeConfiguration.event; },
  get onDidOpenTextDocument() { return state.onDidOpenTextDocument.event; },
  get onDidSaveTextDocument() { return state.onDidSaveTextDocument.event; },
  get onDidGrantWorkspaceTrust() { return state.onDidGrantWorkspaceTrust.event; },
};

export const extensions = {
  getExtension: (_id: string) => undefined,
};
