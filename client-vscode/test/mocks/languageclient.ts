// Stand-in for `vscode-languageclient/node`: records what the extension builds instead of spawning anything.
export enum State { Stopped = 1, Starting = 3, Running = 2 }
export enum RevealOutputChannelOn { Debug = 0, Info = 1, Warn = 2, Error = 3, Never = 4 }
export enum TransportKind { stdio = 0, ipc = 1, pipe = 2, socket = 3 }

export const DidChangeConfigurationNotification = { type: { method: "workspace/didChangeConfiguration" } };

export const clients: LanguageClient[] = [];
export const behaviour = {
  failStart: undefined as Error | undefined,
  /** `initializeResult.capabilities` of the clients started from now on. */
  capabilities: {} as Record<string, unknown>,
};

export class LanguageClient {
  started = false;
  stopped = false;
  state: State = State.Stopped;
  initializeResult: { capabilities: Record<string, unknown> } | undefined;
  notifications: { method: string; params: unknown }[] = [];
  private stateListeners: ((e: { oldState: State; newState: State }) => void)[] = [];
  constructor(public id: string, public name: string, public serverOptions: any, public clientOptions: any) {
    clients.push(this);
  }
  onDidChangeState(listener: (e: { oldState: State; newState: State }) => void) {
    this.stateListeners.push(listener);
    return { dispose() {} };
  }
  async start(): Promise<void> {
    this.stateListeners.forEach((l) => l({ oldState: State.Stopped, newState: State.Starting }));
    if (behaviour.failStart) throw behaviour.failStart;
    this.started = true;
    this.state = State.Running;
    this.initializeResult = { capabilities: behaviour.capabilities };
    this.stateListeners.forEach((l) => l({ oldState: State.Starting, newState: State.Running }));
  }
  async stop(): Promise<void> {
    this.stopped = true;
    this.state = State.Stopped;
  }
  async sendNotification(type: { method: string }, params: unknown): Promise<void> {
    this.notifications.push({ method: type.method, params });
  }
}
