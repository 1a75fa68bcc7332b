//! Human output: rustc-like snippets with carets, drawn by `annotate-snippets`.
//!
//! ```text
//! error[S010]: unknown key `clent_id`
//!  --> connectors/coupa.yaml:4:3
//!   |
//! 4 |   clent_id: abc
//!   |   ^^^^^^^^ not a known key
//!   |
//!   = help: did you mean `client_id`?
//!
//! Found 1 error in 1 file.
//! ```
//!
//! `annotate-snippets` is handed an *excerpt*, never the whole file: only the lines the
//! annotations touch (folded further by the library), with the line-number start set to match.
//! That keeps a diagnostic in a 50 MB file as cheap as one in a 5-line file. Lines longer than
//! [`LONG_LINE_BYTES`] are cut down to a window of [`CONTEXT_CHARS`] characters around each
//! annotation boundary, with the cuts marked `...`, so a 100 KB minified line prints about one
//! terminal line. The library also panics on spans outside its text or inside a character, so
//! every span is clamped first (see [`super::clamp_span`]).

use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::renderer::{DEFAULT_EMPHASIS_STYLE, DEFAULT_LINE_NUM_STYLE};
use annotate_snippets::{
    AnnotationKind, Group, Level, Renderer, Snippet, Title, normalize_untrusted_str,
};
use anstyle::Style;

use super::{Totals, clamp_span, plural};
use crate::{Diagnostic, FileReport, Severity, SourceFile, Span, terminal};

/// Lines longer than this (in bytes, an upper bound on characters) are windowed.
const LONG_LINE_BYTES: usize = 160;
/// Characters kept on each side of an annotation boundary in a windowed line.
const CONTEXT_CHARS: usize = 60;
/// What marks the text cut out of a windowed line.
pub(super) const CUT: &str = "...";
/// A span over more lines than this is drawn on its first line only, with a label saying where
/// it ends, so a "whole document" span does not make the excerpt the whole document.
const MAX_SPAN_LINES: usize = 100;
/// Annotations this close (in lines and bytes) share one excerpt; farther ones get their own,
/// introduced by `::: path:line:col` as rustc does for distant spans.
const MERGE_GAP_LINES: usize = 20;
const MERGE_GAP_BYTES: usize = 16 * 1024;

/// Renders every diagnostic of every report, then a one-line summary.
pub(super) fn render(reports: &[FileReport], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for report in reports {
        for diagnostic in &report.diagnostics {
            out.push_str(&render_diagnostic(
                &renderer,
                color,
                &report.source,
                diagnostic,
            ));
            out.push_str("\n\n");
        }
    }
    out.push_str(&summary(Totals::of(reports), color));
    out.push('\n');
    out
}

/// `Found 3 errors and 1 warning in 2 files.` or `All checks passed (4 files).`
fn summary(totals: Totals, color: bool) -> String {
    let line = if totals.diagnostics() == 0 {
        format!("All checks passed ({}).", plural(totals.files, "file"))
    } else {
        let counts: Vec<String> = [
            (totals.errors, "error"),
            (totals.warnings, "warning"),
            (totals.infos, "info"),
        ]
        .into_iter()
        .filter(|&(count, _)| count > 0)
        .map(|(count, noun)| plural(count, noun))
        .collect();
        let mut line = format!(
            "Found {} in {}.",
            english_list(&counts),
            plural(totals.files_with_diagnostics, "file")
        );
        line.push_str(&fixable(totals));
        line
    };
    if color {
        let bold = Style::new().bold();
        format!("{bold}{line}{bold:#}")
    } else {
        line
    }
}

/// ` 2 fixable with `connspec check --fix` (1 more with `--unsafe-fixes`).`, or nothing.
fn fixable(totals: Totals) -> String {
    match (totals.safe_fixes, totals.unsafe_fixes) {
        (0, 0) => String::new(),
        (0, risky) => format!(" {risky} fixable with `connspec check --unsafe-fixes`."),
        (safe, 0) => format!(" {safe} fixable with `connspec check --fix`."),
        (safe, risky) => format!(
            " {safe} fixable with `connspec check --fix` ({risky} more with `--unsafe-fixes`)."
        ),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn english_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn render_diagnostic(
    renderer: &Renderer,
    color: bool,
    source: &SourceFile,
    diagnostic: &Diagnostic,
) -> String {
    // Messages, labels, notes and paths may quote the user's file or a server: control and
    // bidirectional characters are escaped before the library sees them (it replaces C0
    // controls in titles and footers only, and leaves C1 controls and the marks alone).
    let message = terminal::escape(&diagnostic.message);
    let title = level(diagnostic.severity)
        .primary_title(message.as_ref())
        .id(diagnostic.code.code);
    // `Level::message` treats its text as trusted (it may carry styles); ours may quote the
    // user's file, so escape control characters like the library does for titles and labels.
    let footers: Vec<(Level<'static>, &'static str, String)> = [
        (Level::HELP, "help", diagnostic.help.as_deref()),
        (Level::NOTE, "note", diagnostic.note.as_deref()),
    ]
    .into_iter()
    .filter_map(|(level, name, text)| {
        text.map(|text| {
            (
                level,
                name,
                normalize_untrusted_str(&terminal::escape(&text.replace("\r\n", "\n"))),
            )
        })
    })
    .collect();

    let path = normalize_untrusted_str(&terminal::escape(source.name()));
    let Some(span) = diagnostic.span else {
        return render_without_span(renderer, color, title, &path, &footers);
    };

    let excerpts = excerpts(source, &marks(source, span, diagnostic));
    let mut group = Group::with_title(title);
    for excerpt in &excerpts {
        group = group.element(
            Snippet::source(excerpt.text.as_str())
                .line_start(excerpt.first_line)
                .path(path.as_str())
                .annotations(excerpt.annotations.iter().map(|annotation| {
                    annotation
                        .kind
                        .span(annotation.range.clone())
                        .label(annotation.label.as_deref())
                })),
        );
    }
    for (level, _, text) in &footers {
        group = group.element(level.clone().message(text.as_str()));
    }
    let mut out = renderer.render(&[group]);
    for fix in excerpts
        .iter()
        .filter_map(|excerpt| excerpt.origin_fix.as_ref())
    {
        fix.apply(&mut out, &path);
    }
    out
}

/// A file-level diagnostic: the title and ` --> path`, laid out like a snippet with a
/// one-digit gutter so it lines up with its neighbours. `annotate-snippets` has no gutter
/// without a snippet (it prints `--> path` flush left), so the lines after the title are ours.
fn render_without_span(
    renderer: &Renderer,
    color: bool,
    title: Title<'_>,
    path: &str,
    footers: &[(Level<'static>, &'static str, String)],
) -> String {
    let (gutter, emphasis) = if color {
        (DEFAULT_LINE_NUM_STYLE, DEFAULT_EMPHASIS_STYLE)
    } else {
        (Style::new(), Style::new())
    };
    let mut out = renderer.render(&[Group::with_title(title)]);
    let _ = write!(out, "\n {gutter}--> {gutter:#}{path}");
    if !footers.is_empty() {
        let _ = write!(out, "\n  {gutter}|{gutter:#}");
    }
    for (_, name, text) in footers {
        // Continuation lines align with the text after `= help: `, as annotate-snippets does.
        let indent = " ".repeat("  = ".len() + name.len() + ": ".len());
        let text = text.replace('\n', &format!("\n{indent}"));
        let _ = write!(
            out,
            "\n  {gutter}= {gutter:#}{emphasis}{name}{emphasis:#}: {text}"
        );
    }
    out
}

/// One span to draw, already clamped, with the lines it covers.
#[derive(Debug)]
struct Mark {
    primary: bool,
    span: Span,
    label: Option<String>,
    start_line: usize,
    end_line: usize,
}

/// The primary span first, then the secondary labels in their given order.
fn marks(source: &SourceFile, span: Span, diagnostic: &Diagnostic) -> Vec<Mark> {
    std::iter::once(mark(source, span, true, diagnostic.label.as_deref()))
        .chain(
            diagnostic
                .labels
                .iter()
                .map(|label| mark(source, label.span, false, Some(label.message.as_str()))),
        )
        .collect()
}

fn mark(source: &SourceFile, span: Span, primary: bool, label: Option<&str>) -> Mark {
    let bytes = source.text().as_bytes();
    let mut span = clamp_span(source, span);
    // A span that swallows its line's newline (a whole `key: value\n` entry) would be drawn as
    // reaching into the next line; end it before the line ending instead.
    if span.end > span.start && bytes[span.end - 1] == b'\n' {
        span.end -= 1;
        if span.end > span.start && bytes[span.end - 1] == b'\r' {
            span.end -= 1;
        }
    }
    let mut label = label.map(one_line);
    let start_line = source.line_col(span.start).line;
    let mut end_line = source.line_col(span.end).line;
    if end_line - start_line > MAX_SPAN_LINES {
        let line_end = source.line_start(start_line) + source.line_text(start_line).len();
        span.end = line_end.max(span.start);
        let note = format!("this span ends on line {end_line}");
        label = Some(match label {
            Some(label) => format!("{label} ({note})"),
            None => note,
        });
        end_line = start_line;
    }
    Mark {
        primary,
        span,
        label,
        start_line,
        end_line,
    }
}

/// Labels sit on one row after the caret; a newline in one would break the drawing, and a
/// control character would act on the terminal.
fn one_line(text: &str) -> String {
    terminal::escape(&text.replace("\r\n", " ").replace(['\n', '\r'], " ")).into_owned()
}

/// An excerpt of the user's file with every control or bidirectional character that is not
/// ASCII replaced by a placeholder of the same length in bytes (`\u{FFFD}` for three bytes,
/// `\u{BF}` for two), so every offset and character boundary stays where it was. The library
/// draws ASCII controls and the embeddings and overrides itself, but prints C1 controls and
/// the directional marks raw.
fn visible_source(text: String) -> String {
    if !text
        .chars()
        .any(|c| !c.is_ascii() && terminal::is_unsafe(c))
    {
        return text;
    }
    text.chars()
        .map(|c| match c.len_utf8() {
            2 if terminal::is_unsafe(c) => '\u{BF}',
            3 if terminal::is_unsafe(c) => '\u{FFFD}',
            _ => c,
        })
        .collect()
}

/// The text handed to `annotate-snippets` for one group of nearby marks.
#[derive(Debug)]
struct Excerpt {
    /// The 1-based line number of the first line of `text`.
    first_line: usize,
    text: String,
    annotations: Vec<ExcerptAnnotation>,
    /// Set when windowing moved the column `annotate-snippets` prints in this excerpt's header.
    origin_fix: Option<OriginFix>,
}

#[derive(Debug)]
struct ExcerptAnnotation {
    kind: AnnotationKind,
    range: Range<usize>,
    label: Option<String>,
}

/// Groups marks into excerpts (the primary's first) and builds each excerpt's text.
fn excerpts(source: &SourceFile, marks: &[Mark]) -> Vec<Excerpt> {
    let mut order: Vec<&Mark> = marks.iter().collect();
    order.sort_by_key(|mark| (mark.start_line, mark.span.start));

    let mut clusters: Vec<Cluster<'_>> = Vec::new();
    for mark in order {
        let joins_last = clusters.last().is_some_and(|last| {
            let gap_bytes = source
                .line_start(mark.start_line)
                .saturating_sub(source.line_start(last.last_line + 1));
            mark.start_line <= last.last_line + MERGE_GAP_LINES && gap_bytes <= MERGE_GAP_BYTES
        });
        match clusters.last_mut() {
            Some(last) if joins_last => {
                last.last_line = last.last_line.max(mark.end_line);
                last.marks.push(mark);
            }
            _ => clusters.push(Cluster {
                first_line: mark.start_line,
                last_line: mark.end_line,
                marks: vec![mark],
            }),
        }
    }
    // The first snippet of a group gets the `-->` header, so it must be the primary's.
    if let Some(primary) = clusters
        .iter()
        .position(|cluster| cluster.marks.iter().any(|mark| mark.primary))
    {
        clusters[..=primary].rotate_right(1);
    }
    clusters
        .iter()
        .enumerate()
        .map(|(index, cluster)| cluster.excerpt(source, index == 0))
        .collect()
}

#[derive(Debug)]
struct Cluster<'m> {
    first_line: usize,
    last_line: usize,
    /// Sorted by start, so `annotate-snippets` sees the earliest annotation first.
    marks: Vec<&'m Mark>,
}

impl Cluster<'_> {
    fn excerpt(&self, source: &SourceFile, is_first: bool) -> Excerpt {
        let text = source.text();
        let mut excerpt_text = String::new();
        let mut lines = Vec::new();
        for line in self.first_line..=self.last_line {
            let start = source.line_start(line);
            let next = source.line_start(line + 1);
            let content_end = start + source.line_text(line).len();
            let is_last_line = line == source.line_count();
            // Offsets inside the line ending count as the end of the line for windowing.
            let points: Vec<usize> = self
                .marks
                .iter()
                .flat_map(|mark| [mark.span.start, mark.span.end])
                .filter(|&offset| offset >= start && (offset < next || is_last_line))
                .map(|offset| offset.min(content_end) - start)
                .collect();
            let content = &text[start..content_end];
            let window = if content.len() > LONG_LINE_BYTES {
                Window::new(content, &points)
            } else {
                None
            };
            let new_start = excerpt_text.len();
            let new_content_len = if let Some(window) = &window {
                excerpt_text.push_str(&window.text);
                window.text.len()
            } else {
                excerpt_text.push_str(content);
                content.len()
            };
            // annotate-snippets breaks lines at `\n` only; an old-Mac `\r` ending becomes one
            // (same length, so offsets into the excerpt stay valid).
            match &text[content_end..next] {
                "\r" => excerpt_text.push('\n'),
                ending => excerpt_text.push_str(ending),
            }
            lines.push(LineMap {
                number: line,
                start,
                content_end,
                new_start,
                new_content_len,
                segments: window.map(|window| window.segments),
            });
        }
        let excerpt_text = visible_source(excerpt_text);
        let map = OffsetMap {
            lines,
            len: excerpt_text.len(),
        };

        let annotations = self
            .marks
            .iter()
            .map(|mark| {
                let start = map.map(mark.span.start);
                let end = map.map(mark.span.end).max(start);
                ExcerptAnnotation {
                    kind: if mark.primary {
                        AnnotationKind::Primary
                    } else {
                        AnnotationKind::Context
                    },
                    range: floor_char_boundary(&excerpt_text, start)
                        ..floor_char_boundary(&excerpt_text, end),
                    label: mark.label.clone(),
                }
            })
            .collect();

        // The header shows the primary's position in the first excerpt and the earliest
        // mark's in the others (`-->` and `:::`).
        let anchor = if is_first {
            self.marks.iter().find(|mark| mark.primary)
        } else {
            self.marks.first()
        };
        let origin_fix = anchor.and_then(|mark| {
            map.origin_fix(
                source,
                &excerpt_text,
                mark,
                if is_first { "-->" } else { ":::" },
            )
        });

        Excerpt {
            first_line: self.first_line,
            text: excerpt_text,
            annotations,
            origin_fix,
        }
    }
}

/// A long line cut down to the parts around its annotation boundaries.
#[derive(Debug)]
struct Window {
    text: String,
    segments: Vec<Segment>,
}

/// A kept part of a windowed line: `from..to` in the original line, at `new_from` in the window.
#[derive(Debug, Clone, Copy)]
struct Segment {
    from: usize,
    to: usize,
    new_from: usize,
}

impl Window {
    /// `None` when nothing would be cut. `points` are char-boundary offsets into `content`.
    fn new(content: &str, points: &[usize]) -> Option<Self> {
        let mut intervals: Vec<(usize, usize)> = if points.is_empty() {
            // A line no annotation starts or ends on (inside a multi-line span): its start.
            vec![(0, chars_forward(content, 0, 2 * CONTEXT_CHARS))]
        } else {
            points
                .iter()
                .map(|&point| {
                    (
                        chars_back(content, point, CONTEXT_CHARS),
                        chars_forward(content, point, CONTEXT_CHARS),
                    )
                })
                .collect()
        };
        intervals.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (from, to) in intervals {
            match merged.last_mut() {
                // Cutting fewer bytes than the marker is longer would only add noise.
                Some(last) if from <= last.1 + CUT.len() => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        if merged == [(0, content.len())] {
            return None;
        }
        let mut text = String::new();
        let mut segments = Vec::with_capacity(merged.len());
        for (index, &(from, to)) in merged.iter().enumerate() {
            if index > 0 || from > 0 {
                text.push_str(CUT);
            }
            segments.push(Segment {
                from,
                to,
                new_from: text.len(),
            });
            text.push_str(&content[from..to]);
        }
        if merged.last().is_some_and(|&(_, to)| to < content.len()) {
            text.push_str(CUT);
        }
        Some(Self { text, segments })
    }
}

/// The offset `count` characters before `offset` (or 0).
fn chars_back(text: &str, offset: usize, count: usize) -> usize {
    text[..offset]
        .char_indices()
        .rev()
        .nth(count.saturating_sub(1))
        .map_or(0, |(index, _)| index)
}

/// The offset `count` characters after `offset` (or the end).
fn chars_forward(text: &str, offset: usize, count: usize) -> usize {
    text[offset..]
        .char_indices()
        .nth(count)
        .map_or(text.len(), |(index, _)| offset + index)
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Where one source line landed in the excerpt.
#[derive(Debug)]
struct LineMap {
    number: usize,
    start: usize,
    content_end: usize,
    new_start: usize,
    new_content_len: usize,
    segments: Option<Vec<Segment>>,
}

/// Translates source offsets into excerpt offsets.
#[derive(Debug)]
struct OffsetMap {
    lines: Vec<LineMap>,
    len: usize,
}

impl OffsetMap {
    fn line(&self, offset: usize) -> Option<&LineMap> {
        let index = self
            .lines
            .partition_point(|line| line.start <= offset)
            .saturating_sub(1);
        self.lines.get(index)
    }

    fn map(&self, offset: usize) -> usize {
        let Some(line) = self.line(offset) else {
            return 0;
        };
        let mapped = if offset > line.content_end {
            // Inside the line ending, which is copied as is.
            line.new_start + line.new_content_len + (offset - line.content_end)
        } else {
            let relative = offset.saturating_sub(line.start);
            match &line.segments {
                None => line.new_start + relative,
                Some(segments) => line.new_start + map_into_segments(segments, relative),
            }
        };
        mapped.min(self.len)
    }

    /// `annotate-snippets` prints `path:line:col` with the column counted in the text it was
    /// given; when that text is a windowed line, the column must be put back to the file's.
    fn origin_fix(
        &self,
        source: &SourceFile,
        excerpt_text: &str,
        mark: &Mark,
        marker: &'static str,
    ) -> Option<OriginFix> {
        let line = self.line(mark.span.start)?;
        line.segments.as_ref()?;
        let original = &source.text()[line.start..line.content_end];
        let shown_line = &excerpt_text[line.new_start..line.new_start + line.new_content_len];
        let shown = snippet_column(shown_line, self.map(mark.span.start) - line.new_start);
        let actual = snippet_column(original, mark.span.start - line.start);
        (shown != actual).then_some(OriginFix {
            marker,
            line: line.number,
            shown,
            actual,
        })
    }
}

fn map_into_segments(segments: &[Segment], relative: usize) -> usize {
    for segment in segments {
        if relative < segment.from {
            // In a cut before this segment (cannot happen for annotation points): snap to it.
            return segment.new_from;
        }
        if relative <= segment.to {
            return segment.new_from + (relative - segment.from);
        }
    }
    segments
        .last()
        .map_or(0, |segment| segment.new_from + (segment.to - segment.from))
}

/// The column `annotate-snippets` prints for a byte offset into a line's content: characters
/// before it, plus one, plus one more past the end of the line.
fn snippet_column(content: &str, relative: usize) -> usize {
    let before = floor_char_boundary(content, relative);
    content[..before].chars().count() + 1 + usize::from(relative > content.len())
}

/// A `path:line:col` in a rendered header to correct (see [`OffsetMap::origin_fix`]).
#[derive(Debug)]
struct OriginFix {
    /// `-->` for the primary header, `:::` for the others.
    marker: &'static str,
    line: usize,
    shown: usize,
    actual: usize,
}

impl OriginFix {
    fn apply(&self, out: &mut String, path: &str) {
        let wrong = format!("{path}:{}:{}", self.line, self.shown);
        let mut line_start = 0;
        let mut found = None;
        for line in out.split('\n') {
            if line.contains(self.marker) && line.ends_with(&wrong) {
                found = Some(line_start + line.len() - wrong.len());
                break;
            }
            line_start += line.len() + 1;
        }
        if let Some(at) = found {
            let right = format!("{path}:{}:{}", self.line, self.actual);
            out.replace_range(at..at + wrong.len(), &right);
        }
    }
}
