// The connspec extension: starts `connspec lsp` over stdio for connector specs and
// `connspec.toml`, restarts it on command or when its settings change.

import * as vscode from "vscode";
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

import { documentSelector, includePatterns } from "./documents";
import { processEnvironment, resolveExecutable } from "./executable";

/** The client's id: VS Code reads its trace level from `connspec.trace.server`. */
const CLIENT_ID = "connspec";
/** Settings whose change needs a new server (the trace level is read live by the client). */
const RESTART_SETTINGS = ["connspec.path", "connspec.include"];

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
/** Starts and stops run one after another, so a quick double restart cannot race. */
let queue: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): Promise<void> {
  // One channel for the whole session, so the log of a server survives its restart.
  output = vscode.window.createOutputChannel("connspec", { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("connspec.restart", () => enqueue(restart)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RESTART_SETTINGS.some((setting) => event.affectsConfiguration(setting))) {
        void enqueue(restart);
      }
    }),
    // A trusted workspace may now set connspec.path.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void enqueue(restart)),
  );
  return enqueue(start);
}

export function deactivate(): Promise<void> {
  return enqueue(stop);
}

function enqueue(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task, task);
  return queue;
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function start(): Promise<void> {
  const channel = output;
  if (channel === undefined) {
    return;
  }
  const settings = vscode.workspace.getConfiguration("connspec");
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === "file")?.uri.fsPath;
  const resolution = resolveExecutable(settings.get<string>("path") ?? "", processEnvironment(folder));
  if (!resolution.found) {
    channel.error(`The language server was not started: ${resolution.message}`);
    reportMissingExecutable(resolution.message);
    return;
  }

  const serverOptions: ServerOptions = {
    command: resolution.executable,
    args: ["lsp"],
    options: folder === undefined ? {} : { cwd: folder },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(includePatterns(settings.get("include"))),
    outputChannel: channel,
  };
  channel.info(`Starting ${resolution.executable} lsp`);
  const started = new LanguageClient(CLIENT_ID, "connspec", serverOptions, clientOptions);
  client = started;
  try {
    await started.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    channel.error(`The language server did not start: ${reason}`);
    void vscode.window.showErrorMessage(
      `connspec: \`${resolution.executable} lsp\` did not start: ${reason}`,
    );
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running === undefined) {
    return;
  }
  try {
    await running.stop();
  } catch (error) {
    // A server that already exited cannot be asked to shut down; nothing is left to stop.
    output?.warn(`Stopping the language server: ${String(error)}`);
  }
}

/** The error, with a way to the setting that fixes it (not awaited: the user may never click). */
function reportMissingExecutable(message: string): void {
  const openSettings = "Open Settings";
  void vscode.window
    .showErrorMessage(`connspec: ${message}`, openSettings)
    .then((choice) => {
      if (choice === openSettings) {
        void vscode.commands.executeCommand("workbench.action.openSettings", "connspec.path");
      }
    });
}
