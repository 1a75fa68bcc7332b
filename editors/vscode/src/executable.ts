// Finding the connspec executable from the `connspec.path` setting, without VS Code, so that
// the rules can be tested with plain Node.

import * as fs from "node:fs";
import * as path from "node:path";

/** What the lookup may read of its surroundings; tests pass their own. */
export interface Environment {
  /** The value of `PATH`. */
  pathVariable: string;
  /** The value of `PATHEXT` (Windows only: the extensions that make a file runnable). */
  pathExtensions: string;
  platform: NodeJS.Platform;
  homeDirectory: string;
  /** The first workspace folder, when one is open. */
  workspaceFolder: string | undefined;
  /** Whether `file` exists, is a file and may be run. */
  isExecutable(file: string): boolean;
}

/** The executable found, or why none was: both carry what the user should read. */
export type Resolution =
  | { found: true; executable: string }
  | { found: false; message: string };

/** The name looked up on `PATH` when `connspec.path` is empty. */
export const DEFAULT_NAME = "connspec";

/**
 * The executable `connspec.path` names. Empty: `connspec` on `PATH`. A bare name is looked up
 * on `PATH` too; anything with a directory in it is a path, `~` and `${workspaceFolder}`
 * expanded and relative ones taken from the workspace folder.
 */
export function resolveExecutable(setting: string, env: Environment): Resolution {
  const trimmed = setting.trim();
  if (trimmed === "") {
    return searchPath(DEFAULT_NAME, env, true);
  }
  const pathApi = env.platform === "win32" ? path.win32 : path.posix;
  const isBareName = !trimmed.includes("/") && !(env.platform === "win32" && trimmed.includes("\\"));
  if (isBareName && !trimmed.startsWith("~") && !trimmed.includes("${workspaceFolder}")) {
    return searchPath(trimmed, env, false);
  }
  const expanded = expand(trimmed, env);
  if (expanded === undefined) {
    return {
      found: false,
      message: `connspec.path (${trimmed}) uses \${workspaceFolder}, but no folder is open.`,
    };
  }
  let candidate = expanded;
  if (!pathApi.isAbsolute(candidate)) {
    if (env.workspaceFolder === undefined) {
      return {
        found: false,
        message: `connspec.path (${trimmed}) is relative, but no workspace folder is open to take it from.`,
      };
    }
    candidate = pathApi.resolve(env.workspaceFolder, candidate);
  }
  for (const file of withExtensions(candidate, env)) {
    if (env.isExecutable(file)) {
      return { found: true, executable: file };
    }
  }
  return {
    found: false,
    message: `connspec.path names ${candidate}, which is not an executable file.`,
  };
}

/** The environment of this process and this VS Code window. */
export function processEnvironment(workspaceFolder: string | undefined): Environment {
  return {
    pathVariable: process.env.PATH ?? process.env.Path ?? "",
    pathExtensions: process.env.PATHEXT ?? "",
    platform: process.platform,
    homeDirectory: process.env.HOME ?? process.env.USERPROFILE ?? "",
    workspaceFolder,
    isExecutable: (file) => {
      try {
        if (!fs.statSync(file).isFile()) {
          return false;
        }
        // Windows has no execute bit: the extension (PATHEXT) decides.
        fs.accessSync(file, process.platform === "win32" ? fs.constants.F_OK : fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}

function searchPath(name: string, env: Environment, isDefault: boolean): Resolution {
  const separator = env.platform === "win32" ? ";" : ":";
  const pathApi = env.platform === "win32" ? path.win32 : path.posix;
  // An empty entry means the current directory to a shell; an editor has no meaningful one.
  const directories = env.pathVariable.split(separator).filter((entry) => entry !== "");
  for (const directory of directories) {
    for (const file of withExtensions(pathApi.join(directory, name), env)) {
      if (env.isExecutable(file)) {
        return { found: true, executable: file };
      }
    }
  }
  const what = isDefault ? `\`${name}\` is not on PATH` : `connspec.path is \`${name}\`, which is not on PATH`;
  return {
    found: false,
    message:
      `${what} (searched ${directories.length} folders). Install connspec ` +
      "(`cargo install --path crates/connspec-cli` in its repository) or set connspec.path " +
      "to the executable.",
  };
}

/** `file`; on Windows, where only `PATHEXT` extensions run, `file` with each unless it has one. */
function withExtensions(file: string, env: Environment): string[] {
  if (env.platform !== "win32") {
    return [file];
  }
  const extensions = (env.pathExtensions || ".COM;.EXE;.BAT;.CMD")
    .split(";")
    .filter((extension) => extension !== "");
  const lower = file.toLowerCase();
  if (extensions.some((extension) => lower.endsWith(extension.toLowerCase()))) {
    return [file];
  }
  return extensions.map((extension) => file + extension);
}

/** `~` at the start and every `${workspaceFolder}`; undefined when the latter has no value. */
function expand(setting: string, env: Environment): string | undefined {
  let result = setting;
  if (result === "~" || result.startsWith("~/") || result.startsWith("~\\")) {
    result = env.homeDirectory + result.slice(1);
  }
  if (result.includes("${workspaceFolder}")) {
    if (env.workspaceFolder === undefined) {
      return undefined;
    }
    result = result.split("${workspaceFolder}").join(env.workspaceFolder);
  }
  return result;
}
