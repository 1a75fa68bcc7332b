// How `connspec.path` finds the executable: on PATH, by path, expanded, and the messages when
// nothing is found. Real files in a temporary folder on POSIX; Windows rules with a fake.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";

import { type Environment, processEnvironment, resolveExecutable } from "../src/executable";

const posixOnly = { skip: process.platform === "win32" ? "execute bits are POSIX" : false };

describe("resolveExecutable on POSIX, with real files", posixOnly, () => {
  let root: string;
  let bin: string;
  let other: string;
  let project: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "connspec-vscode-"));
    bin = path.join(root, "bin");
    other = path.join(root, "other");
    project = path.join(root, "project");
    for (const dir of [bin, other, path.join(project, "tools")]) {
      fs.mkdirSync(dir, { recursive: true });
    }
    writeExecutable(path.join(bin, "connspec"));
    writeExecutable(path.join(other, "connspec-dev"));
    writeExecutable(path.join(project, "tools", "connspec"));
    // Present but not runnable: must never be chosen.
    fs.writeFileSync(path.join(other, "connspec"), "#!/bin/sh\n", { mode: 0o644 });
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  function env(pathVariable: string, workspaceFolder?: string): Environment {
    return { ...processEnvironment(workspaceFolder), pathVariable, homeDirectory: project };
  }

  it("finds connspec on PATH when the setting is empty", () => {
    const result = resolveExecutable("  ", env(`${other}:${bin}`));
    assert.deepEqual(result, { found: true, executable: path.join(bin, "connspec") });
  });

  it("skips a file without the execute bit and empty PATH entries", () => {
    const result = resolveExecutable("", env(`::${other}::${bin}`));
    assert.deepEqual(result, { found: true, executable: path.join(bin, "connspec") });
  });

  it("looks a bare name up on PATH", () => {
    const result = resolveExecutable("connspec-dev", env(`${bin}:${other}`));
    assert.deepEqual(result, { found: true, executable: path.join(other, "connspec-dev") });
  });

  it("says what to do when connspec is not on PATH", () => {
    const result = resolveExecutable("", env(other));
    assert.equal(result.found, false);
    assert.match(messageOf(result), /`connspec` is not on PATH \(searched 1 folders\)/);
    assert.match(messageOf(result), /set connspec\.path/);
  });

  it("names the setting when a bare name is not on PATH", () => {
    const result = resolveExecutable("connspec-nightly", env(bin));
    assert.match(messageOf(result), /connspec\.path is `connspec-nightly`, which is not on PATH/);
  });

  it("takes an absolute path as it is, without PATH", () => {
    const file = path.join(project, "tools", "connspec");
    assert.deepEqual(resolveExecutable(file, env("")), { found: true, executable: file });
  });

  it("rejects a path to a file that cannot run, or to a folder", () => {
    const notRunnable = path.join(other, "connspec");
    assert.match(
      messageOf(resolveExecutable(notRunnable, env(bin))),
      /which is not an executable file/,
    );
    assert.equal(resolveExecutable(bin, env(bin)).found, false);
  });

  it("takes a relative path from the workspace folder", () => {
    const result = resolveExecutable("tools/connspec", env("", project));
    assert.deepEqual(result, { found: true, executable: path.join(project, "tools", "connspec") });
  });

  it("refuses a relative path without a workspace folder", () => {
    const result = resolveExecutable("./tools/connspec", env(bin));
    assert.match(messageOf(result), /is relative, but no workspace folder is open/);
  });

  it("expands ${workspaceFolder} and ~", () => {
    const expected = { found: true, executable: path.join(project, "tools", "connspec") };
    assert.deepEqual(resolveExecutable("${workspaceFolder}/tools/connspec", env("", project)), expected);
    // The fake home directory is the project folder.
    assert.deepEqual(resolveExecutable("~/tools/connspec", env("")), expected);
    assert.match(
      messageOf(resolveExecutable("${workspaceFolder}/tools/connspec", env(bin))),
      /no folder is open/,
    );
  });
});

describe("resolveExecutable on Windows", () => {
  // Windows file names are case-insensitive.
  const files = new Set(["c:\\tools\\connspec.exe", "d:\\repo\\target\\debug\\connspec.exe"]);
  const env: Environment = {
    pathVariable: "C:\\empty;;C:\\tools",
    pathExtensions: ".COM;.EXE;.BAT",
    platform: "win32",
    homeDirectory: "C:\\Users\\me",
    workspaceFolder: "D:\\repo",
    isExecutable: (file) => files.has(file.toLowerCase()),
  };

  it("tries each PATHEXT extension in each PATH folder", () => {
    assert.deepEqual(resolveExecutable("", env), { found: true, executable: "C:\\tools\\connspec.EXE" });
  });

  it("takes a backslash path relative to the workspace and adds the extension", () => {
    assert.deepEqual(resolveExecutable("target\\debug\\connspec", env), {
      found: true,
      executable: "D:\\repo\\target\\debug\\connspec.EXE",
    });
  });

  it("keeps an extension that is already there, and never runs a file without one", () => {
    assert.deepEqual(resolveExecutable("D:\\repo\\target\\debug\\connspec.exe", env), {
      found: true,
      executable: "D:\\repo\\target\\debug\\connspec.exe",
    });
    const bare: Environment = { ...env, isExecutable: (file) => file === "C:\\tools\\connspec" };
    assert.equal(resolveExecutable("", bare).found, false);
  });
});

function writeExecutable(file: string): void {
  fs.writeFileSync(file, "#!/bin/sh\nexit 0\n", { mode: 0o755 });
}

function messageOf(result: ReturnType<typeof resolveExecutable>): string {
  assert.equal(result.found, false, "expected no executable");
  return result.found ? "" : result.message;
}
