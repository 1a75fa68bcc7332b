// Which documents the language client hands to the server: YAML files matching the
// `connspec.include` patterns, and every `connspec.toml`.

/** The default of `connspec.include`: the layout `connspec init` and the examples use. */
export const DEFAULT_INCLUDE = ["**/connectors/**/*.{yaml,yml}"];

/** The pattern of project files, checked whatever `connspec.include` says. */
export const PROJECT_FILE_PATTERN = "**/connspec.toml";

/** A document filter as `vscode-languageclient` takes it (a subset of VS Code's). */
export interface DocumentFilter {
  scheme: string;
  language?: string;
  pattern: string;
}

/**
 * The patterns of a `connspec.include` value: its non-empty strings, trimmed; the default when
 * the value is not an array of strings (a hand-edited settings file may hold anything).
 */
export function includePatterns(setting: unknown): string[] {
  if (!Array.isArray(setting)) {
    return [...DEFAULT_INCLUDE];
  }
  const patterns = setting
    .filter((entry): entry is string => typeof entry === "string")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  return [...new Set(patterns)];
}

/**
 * One filter per include pattern for saved YAML files (language `yaml`), and one for
 * `connspec.toml` whatever language VS Code gives TOML (none is built in).
 */
export function documentSelector(patterns: readonly string[]): DocumentFilter[] {
  return [
    ...patterns.map((pattern) => ({ scheme: "file", language: "yaml", pattern })),
    { scheme: "file", pattern: PROJECT_FILE_PATTERN },
  ];
}
