// Which documents reach the server: the `connspec.include` value as a hand-edited settings
// file may hold it, and the selector built from it.

import * as assert from "node:assert/strict";
import { describe, it } from "node:test";

import { DEFAULT_INCLUDE, documentSelector, includePatterns } from "../src/documents";

describe("includePatterns", () => {
  it("falls back to the default when the setting is not an array", () => {
    for (const value of [undefined, null, "**/*.yaml", 3, { pattern: "x" }]) {
      assert.deepEqual(includePatterns(value), DEFAULT_INCLUDE);
    }
  });

  it("keeps non-empty strings, trimmed, once each, in order", () => {
    assert.deepEqual(includePatterns([" specs/**/*.yaml ", "", 7, null, "specs/**/*.yaml", "x.yml"]), [
      "specs/**/*.yaml",
      "x.yml",
    ]);
  });

  it("keeps an empty list empty: the user turned YAML checking off", () => {
    assert.deepEqual(includePatterns([]), []);
  });
});

describe("documentSelector", () => {
  it("scopes each pattern to YAML files on disk and always adds connspec.toml", () => {
    assert.deepEqual(documentSelector(["a/**/*.yaml", "b/*.yml"]), [
      { scheme: "file", language: "yaml", pattern: "a/**/*.yaml" },
      { scheme: "file", language: "yaml", pattern: "b/*.yml" },
      { scheme: "file", pattern: "**/connspec.toml" },
    ]);
    assert.deepEqual(documentSelector([]), [{ scheme: "file", pattern: "**/connspec.toml" }]);
  });
});
