//! The YAML loader: bytes to text, and YAML 1.2 text to a JSON value plus a span table.
//!
//! Built on saphyr-parser's pull events in one loop with an explicit stack, so hostile input
//! (deep nesting, alias bombs, huge files) meets a limit and a diagnostic instead of a stack
//! overflow or an out-of-memory abort. Plain scalars resolve by the YAML 1.2 core schema
//! (`no` stays a string); quoted and block scalars are always strings.

use connspec_diagnostics::{Diagnostic, SourceFile, Span};
use rustc_hash::FxHashMap;
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Tag};
use serde_json::{Map, Number, Value};

use crate::codes::{
    DUPLICATE_KEY, EMPTY_DOCUMENT, INVALID_ENCODING, LIMIT_EXCEEDED, MULTIPLE_DOCUMENTS,
    UNSUPPORTED_YAML, YAML_ALIAS, YAML_SYNTAX_ERROR,
};
use crate::limits::{FLOW_NESTING, INPUT_BYTES, NESTING_DEPTH, VALUE_COUNT};
use connspec_diagnostics::{Amount, bytes_text};

/// The default largest input: 1 MiB.
pub const DEFAULT_MAX_BYTES: usize = 1024 * 1024;
/// The default deepest nesting.
pub const DEFAULT_MAX_DEPTH: usize = 64;
/// The deepest nesting the depth limit can be raised to. The loader needs no stack per level,
/// but the stages after it (the typed model, the schema, the rules, templates, even dropping a
/// value) walk values recursively, about 3 KiB of stack per level in a debug build.
pub const MAX_DEPTH_CEILING: usize = 10_000;
/// The stack of every thread that checks, compiles or runs a spec: enough for the stages that
/// recurse once per level at [`MAX_DEPTH_CEILING`], with room to spare. Only the pages a run
/// touches are used; the rest is address space.
pub const STACK_BYTES: usize = 8 * 1024 * 1024 + MAX_DEPTH_CEILING * 6 * 1024;
/// The default most values in one document.
pub const DEFAULT_MAX_NODES: usize = 50_000;
/// The deepest flow nesting saphyr-parser counts (its counter is a `u8`); beyond it the
/// scanner reports "recursion limit exceeded".
pub const PARSER_FLOW_NESTING: usize = u8::MAX as usize;

/// Resource limits for loading one file. Every one can be raised from the command line
/// (see [`crate::limits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of mappings and sequences.
    pub max_depth: usize,
    /// Most values (scalars, mappings, sequences) in one document.
    pub max_nodes: usize,
}

impl Limits {
    /// Each limit the larger of `self`'s and `other`'s.
    #[must_use]
    pub fn at_least(&self, other: &Limits) -> Limits {
        Limits {
            max_bytes: self.max_bytes.max(other.max_bytes),
            max_depth: self.max_depth.max(other.max_depth),
            max_nodes: self.max_nodes.max(other.max_nodes),
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_BYTES,
            max_depth: DEFAULT_MAX_DEPTH,
            max_nodes: DEFAULT_MAX_NODES,
        }
    }
}

/// A loaded YAML document: its JSON value and where every value and key is in the text.
#[derive(Debug, Clone)]
pub struct Document {
    pub value: Value,
    pub spans: SpanTable,
}

/// Byte spans by JSON Pointer (`/actions/list/path`): of every value, and of every mapping key.
///
/// Stored as a tree of reference tokens, not as one string per pointer: a value `n` levels
/// deep costs one token, not a pointer of `n` tokens, so memory grows with the file's size
/// however deep it nests (a string per pointer grew with the square of the depth: 5.8 GB for a
/// 200 KB list of lists with the depth limit raised). A lookup walks the pointer's tokens.
///
/// The maps use Fx hashing: the loader inserts one entry per value, and the flood resistance
/// of the standard hasher buys nothing for a table that lives only as long as one file's check.
#[derive(Debug, Clone, Default)]
pub struct SpanTable {
    /// One entry per value; index 0 is the root.
    nodes: Vec<NodeSpans>,
    /// The children of each node that has some: reference token (unescaped) → node index.
    children: FxHashMap<u32, FxHashMap<Box<str>, u32>>,
    /// Numbers JSON cannot hold, kept as their text: why, by node (almost always empty).
    numbers: FxHashMap<u32, NumberProblem>,
}

/// Why a YAML number has no JSON value (it is kept as its text, a string).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberProblem {
    /// An integer beyond 64 bits, or a float beyond `f64`'s range (`1e400`).
    TooLarge,
    /// `.inf`, `-.inf` or `.nan`.
    NotFinite,
}

impl NumberProblem {
    /// What was found, for "expected …, found …" messages.
    pub fn describe(self) -> &'static str {
        match self {
            NumberProblem::TooLarge => "a number too large for 64 bits",
            NumberProblem::NotFinite => "a number that is not finite (`.inf` or `.nan`)",
        }
    }

    /// The problem of a YAML 1.2 core-schema number written as `text`, if it has one.
    pub fn of(text: &str) -> Option<Self> {
        let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
        if matches!(
            unsigned,
            ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN"
        ) && (unsigned.ends_with(['f', 'F']) || unsigned == text)
        {
            return Some(NumberProblem::NotFinite);
        }
        let is_number = resolve_int(text).is_some() || is_core_float(text);
        (is_number && matches!(resolve_plain(text), Value::String(_)))
            .then_some(NumberProblem::TooLarge)
    }
}

/// The spans of one value; `value` is unset while a collection is still open.
#[derive(Debug, Clone, Copy, Default)]
struct NodeSpans {
    value: Option<Span>,
    key: Option<Span>,
}

/// The root's node index.
const ROOT: u32 = 0;

impl SpanTable {
    /// Why the value at `pointer` is a string although the author wrote a number, if so.
    pub fn number_problem(&self, pointer: &str) -> Option<NumberProblem> {
        self.numbers.get(&self.find(pointer)?).copied()
    }

    /// The span of the value at `pointer`.
    pub fn value(&self, pointer: &str) -> Option<Span> {
        self.node(pointer).and_then(|node| node.value)
    }

    /// The span of the key whose value is at `pointer` (none for the root or list items).
    pub fn key(&self, pointer: &str) -> Option<Span> {
        self.node(pointer).and_then(|node| node.key)
    }

    /// The key span of `pointer`, else its value span, else the nearest ancestor's.
    ///
    /// Used for errors about a whole value (wrong type of a mapping), where the key is what a
    /// reader looks for.
    pub fn key_or_value(&self, pointer: &str) -> Span {
        self.key(pointer)
            .or_else(|| self.value(pointer))
            .unwrap_or_else(|| self.nearest(pointer))
    }

    /// The value span of `pointer` or of its nearest ancestor that has one.
    pub fn nearest(&self, pointer: &str) -> Span {
        let mut nearest = Span::default();
        let Some(root) = self.nodes.first() else {
            return nearest;
        };
        if let Some(span) = root.value {
            nearest = span;
        }
        let mut current = ROOT;
        for token in tokens(pointer) {
            match self.child(current, &token) {
                Some(child) => current = child,
                None => break,
            }
            if let Some(span) = self.nodes[current as usize].value {
                nearest = span;
            }
        }
        nearest
    }

    fn node(&self, pointer: &str) -> Option<&NodeSpans> {
        self.nodes.get(self.find(pointer)? as usize)
    }

    /// The node of `pointer`, if the document has a value there.
    fn find(&self, pointer: &str) -> Option<u32> {
        if self.nodes.is_empty() || !(pointer.is_empty() || pointer.starts_with('/')) {
            return None;
        }
        tokens(pointer).try_fold(ROOT, |node, token| self.child(node, &token))
    }

    /// The key span of the key `token` of the mapping at `node`.
    fn key_of(&self, node: u32, token: &str) -> Option<Span> {
        self.nodes.get(self.child(node, token)? as usize)?.key
    }

    fn child(&self, parent: u32, token: &str) -> Option<u32> {
        self.children.get(&parent)?.get(token).copied()
    }

    /// The node for `token` under `parent` (the root when `parent` is `None`), made if new.
    fn child_node(&mut self, parent: Option<u32>, token: &str) -> u32 {
        let Some(parent) = parent else {
            if self.nodes.is_empty() {
                self.nodes.push(NodeSpans::default());
            }
            return ROOT;
        };
        if let Some(existing) = self.child(parent, token) {
            return existing;
        }
        // A document has at most `max_nodes` values, far below `u32::MAX`.
        let index = u32::try_from(self.nodes.len()).unwrap_or(u32::MAX);
        self.nodes.push(NodeSpans::default());
        self.children
            .entry(parent)
            .or_default()
            .insert(token.into(), index);
        index
    }

    /// Records a value's spans; the first definition of a duplicated key keeps its spans, as it
    /// keeps its value.
    fn record(&mut self, node: u32, value: Span, key: Option<Span>) {
        if let Some(spans) = self.nodes.get_mut(node as usize)
            && spans.value.is_none()
        {
            *spans = NodeSpans {
                value: Some(value),
                key,
            };
        }
    }
}

/// The reference tokens of a JSON Pointer, unescaped (RFC 6901: `~1` is `/`, `~0` is `~`).
fn tokens(pointer: &str) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
    pointer.split('/').skip(1).map(|token| {
        if token.contains('~') {
            std::borrow::Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
        } else {
            std::borrow::Cow::Borrowed(token)
        }
    })
}

/// Appends one reference token to a JSON Pointer, escaping `~` and `/` (RFC 6901).
pub fn push_pointer(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// Decodes a file's bytes as UTF-8 text.
///
/// Invalid UTF-8 yields a diagnostic at the first bad byte and lossy text (the offset of the
/// fault is the same in both); UTF-16 and UTF-32 files are named, with or without a byte-order
/// mark. (Characters YAML forbids in UTF-8 text, such as NUL, are [`load`]'s to report.)
pub fn decode(name: &str, bytes: &[u8]) -> (SourceFile, Vec<Diagnostic>) {
    if let Some(encoding) = encoding::other_encoding(bytes) {
        let file = SourceFile::new(name, "");
        return (file, vec![encoding::other_encoding_diagnostic(encoding)]);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (SourceFile::new(name, text), Vec::new()),
        Err(error) => {
            let offset = error.valid_up_to();
            let bad = &bytes[offset..bytes.len().min(offset + error.error_len().unwrap_or(1))];
            let hex: Vec<String> = bad.iter().map(|b| format!("0x{b:02X}")).collect();
            let file = SourceFile::new(name, String::from_utf8_lossy(bytes).into_owned());
            let end = file.clamp(offset + '\u{FFFD}'.len_utf8());
            let diagnostic = Diagnostic::error(
                &INVALID_ENCODING,
                format!("invalid UTF-8 ({})", hex.join(" ")),
            )
            .with_span(Span::new(offset, end))
            .with_label("not UTF-8")
            .with_help("save the file as UTF-8 (it may be in Windows-1252 or Latin-1)");
            (file, vec![diagnostic])
        }
    }
}

/// Loads the one YAML document in `file`.
///
/// Returns the document when the YAML is usable (no error-level diagnostic), and every
/// diagnostic found. Never panics and never recurses, whatever the input.
pub fn load(file: &SourceFile, limits: &Limits) -> (Option<Document>, Vec<Diagnostic>) {
    let size = u64::try_from(file.text().len()).unwrap_or(u64::MAX);
    if let Some(diagnostic) = file_too_large(size, limits) {
        return (None, vec![diagnostic]);
    }
    // Checked before parsing: the parser takes a NUL for the end of the input.
    if let Some(diagnostic) = encoding::forbidden_character(file) {
        return (None, vec![diagnostic]);
    }
    Loader::new(file, limits).run()
}

/// How large an input is, as far as it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputSize {
    /// The whole size in bytes (a file's length, or all the bytes in memory).
    Exact(u64),
    /// Reading stopped past the limit (a stream such as standard input): only a lower bound.
    Over,
}

/// The diagnostic for a file of `size` bytes when that is over the limit.
///
/// Callers that know a file's size before reading it use this to refuse it unread. Every
/// command reports the size limit through this one function, from the file's bytes (never
/// from decoded text), so `check`, `compile` and `test` give the same figures for a file.
pub fn file_too_large(size: u64, limits: &Limits) -> Option<Diagnostic> {
    input_too_large(InputSize::Exact(size), limits)
}

/// The diagnostic for an input of `size` when that is over the limit (see [`file_too_large`]).
pub fn input_too_large(size: InputSize, limits: &Limits) -> Option<Diagnostic> {
    let limit = u64::try_from(limits.max_bytes).unwrap_or(u64::MAX);
    let described = INPUT_BYTES.describe(Amount::Bytes(limit));
    let message = match size {
        InputSize::Exact(size) if size > limit => {
            format!("file is {}, over {described}", bytes_text(size))
        }
        InputSize::Exact(_) => return None,
        InputSize::Over => format!("input is larger than {described}"),
    };
    Some(
        Diagnostic::error(&LIMIT_EXCEEDED, message)
            .with_span(Span::at(0))
            .with_help(format!(
                "connector specs are a few KiB; {}",
                INPUT_BYTES.how_to_raise()
            )),
    )
}

/// A count of `noun` as an [`Amount`].
fn count(n: usize, noun: &'static str) -> Amount {
    Amount::Count(u64::try_from(n).unwrap_or(u64::MAX), noun)
}

/// Converts the parser's character offsets to byte offsets with a cursor, so a long line full
/// of values costs linear time, not quadratic.
struct CharToByte<'a> {
    text: &'a str,
    ascii: bool,
    char_pos: usize,
    byte_pos: usize,
}

impl<'a> CharToByte<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            ascii: text.is_ascii(),
            char_pos: 0,
            byte_pos: 0,
        }
    }

    fn byte(&mut self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        while self.char_pos < char_index {
            match self.text[self.byte_pos..].chars().next() {
                Some(c) => {
                    self.byte_pos += c.len_utf8();
                    self.char_pos += 1;
                }
                None => return self.byte_pos,
            }
        }
        while self.char_pos > char_index {
            match self.text[..self.byte_pos].chars().next_back() {
                Some(c) => {
                    self.byte_pos -= c.len_utf8();
                    self.char_pos -= 1;
                }
                None => break,
            }
        }
        self.byte_pos
    }
}

/// A container being built: the node of its value and what it holds so far.
struct Frame {
    node: u32,
    start: usize,
    /// A flow collection (`[...]`, `{...}`), not a block one.
    flow: bool,
    /// The span of the key this container is the value of.
    key: Option<Span>,
    /// Whether this or an enclosing collection is a flow one, and the column of the innermost
    /// block collection (this or an enclosing one; -1 when none): kept per frame so that
    /// judging tab lines costs the same at any depth.
    in_flow: bool,
    block_indent: isize,
    container: Container,
}

enum Container {
    Sequence(Vec<Value>),
    /// A mapping with the key waiting for its value, if any.
    Mapping {
        map: Map<String, Value>,
        pending_key: Option<(String, Span)>,
    },
}

/// Why loading stopped early.
struct Stop;

struct Loader<'a> {
    file: &'a SourceFile,
    limits: &'a Limits,
    /// Byte length of a leading BOM, which the parser does not see.
    bom: usize,
    positions: CharToByte<'a>,
    stack: Vec<Frame>,
    spans: SpanTable,
    root: Option<Value>,
    nodes: usize,
    documents: usize,
    reported_alias: bool,
    diagnostics: Vec<Diagnostic>,
    /// Lines with a tab in their leading whitespace (almost always none), and, only when there
    /// are some, every event with its context to judge them by.
    tab_lines: Vec<tabs::TabLine>,
    records: Vec<tabs::Record>,
}

impl<'a> Loader<'a> {
    fn new(file: &'a SourceFile, limits: &'a Limits) -> Self {
        let bom = if file.text().starts_with('\u{FEFF}') {
            '\u{FEFF}'.len_utf8()
        } else {
            0
        };
        Self {
            file,
            limits,
            bom,
            positions: CharToByte::new(&file.text()[bom..]),
            stack: Vec::new(),
            spans: SpanTable::default(),
            root: None,
            nodes: 0,
            documents: 0,
            reported_alias: false,
            diagnostics: Vec::new(),
            tab_lines: tabs::tab_lines(&file.text()[bom..], bom),
            records: Vec::new(),
        }
    }

    fn run(mut self) -> (Option<Document>, Vec<Diagnostic>) {
        let text = &self.file.text()[self.bom..];
        for event in Parser::new_from_str(text) {
            let step = match event {
                Ok((event, span)) => {
                    let span = self.span(&span);
                    self.on_event(event, span)
                }
                Err(error) => {
                    self.on_scan_error(&error);
                    Err(Stop)
                }
            };
            if step.is_err() {
                return (None, self.diagnostics);
            }
        }
        if let Some(tab) = tabs::first_fault(self.file.text(), &self.tab_lines, &self.records) {
            self.diagnostics.push(tabs::tab_diagnostic(self.file, tab));
            return (None, self.diagnostics);
        }
        let Some(value) = self.root.take() else {
            let diagnostic = Diagnostic::error(&EMPTY_DOCUMENT, "file holds no YAML content")
                .with_span(Span::at(0))
                .with_help("a connector spec starts with `spec_version: 1`");
            self.diagnostics.push(diagnostic);
            return (None, self.diagnostics);
        };
        let has_errors = self
            .diagnostics
            .iter()
            .any(|d| d.severity == connspec_diagnostics::Severity::Error);
        let document = (!has_errors).then(|| Document {
            value,
            spans: self.spans,
        });
        (document, self.diagnostics)
    }

    fn span(&mut self, span: &saphyr_parser::Span) -> Span {
        let start = self.positions.byte(span.start.index()) + self.bom;
        let end = self.positions.byte(span.end.index()) + self.bom;
        Span::new(start, end.max(start))
    }

    fn on_event(&mut self, event: Event<'_>, span: Span) -> Result<(), Stop> {
        if !self.tab_lines.is_empty() {
            self.record(&event, span);
        }
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    let diagnostic = Diagnostic::error(
                        &MULTIPLE_DOCUMENTS,
                        "file holds more than one YAML document",
                    )
                    .with_span(span)
                    .with_label("second document starts here")
                    .with_help("put each connector in its own file");
                    self.diagnostics.push(diagnostic);
                    return Err(Stop);
                }
                Ok(())
            }
            Event::MappingStart(anchor, tag) | Event::SequenceStart(anchor, tag)
                if self.expecting_key() =>
            {
                let _ = (anchor, tag);
                self.diagnostics.push(
                    Diagnostic::error(&UNSUPPORTED_YAML, "a key must be a plain scalar")
                        .with_span(span)
                        .with_label("complex key")
                        .with_help("write the key as text"),
                );
                Err(Stop)
            }
            Event::MappingStart(anchor, tag) => {
                self.check_anchor(anchor, span);
                self.check_tag(tag.as_deref(), span, &["map"])?;
                self.open(
                    span,
                    Container::Mapping {
                        map: Map::new(),
                        pending_key: None,
                    },
                )
            }
            Event::SequenceStart(anchor, tag) => {
                self.check_anchor(anchor, span);
                self.check_tag(tag.as_deref(), span, &["seq"])?;
                self.open(span, Container::Sequence(Vec::new()))
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.close(span);
                Ok(())
            }
            Event::Scalar(text, style, anchor, tag) => {
                let span = match style {
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                        quoted_scalar_span(self.file.text(), span)
                    }
                    _ => span,
                };
                self.check_anchor(anchor, span);
                if self.expecting_key() {
                    self.check_tag(tag.as_deref(), span, &["str"])?;
                    self.key(text.into_owned(), span);
                    Ok(())
                } else {
                    let value = self.resolve(&text, style, tag.as_deref(), span)?;
                    self.count_node(span)?;
                    let node = self.child_node();
                    let numeric_tag = tag.as_deref().is_some_and(|t| {
                        t.is_yaml_core_schema() && matches!(t.suffix.as_str(), "int" | "float")
                    });
                    if ((style == ScalarStyle::Plain && tag.is_none()) || numeric_tag)
                        && let Some(problem) = NumberProblem::of(&text)
                    {
                        self.spans.numbers.insert(node, problem);
                    }
                    let key = self.pending_key_span();
                    self.spans.record(node, span, key);
                    self.insert(value);
                    Ok(())
                }
            }
            Event::Alias(_) => {
                self.report_alias(span, "alias");
                if self.expecting_key() {
                    return Err(Stop);
                }
                self.count_node(span)?;
                let node = self.child_node();
                let key = self.pending_key_span();
                self.spans.record(node, span, key);
                self.insert(Value::Null);
                Ok(())
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => Ok(()),
        }
    }

    /// Records `event` with its context for judging tab lines (see [`tabs`]).
    fn record(&mut self, event: &Event<'_>, span: Span) {
        use tabs::EventKind;
        let kind = match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if self.starts_flow(span.start) {
                    EventKind::FlowStart
                } else {
                    EventKind::BlockStart
                }
            }
            Event::MappingEnd | Event::SequenceEnd => EventKind::End,
            Event::Scalar(..) | Event::Alias(_)
                if self.expecting_key() && self.stack.last().is_some_and(|f| !f.flow) =>
            {
                EventKind::BlockKey
            }
            Event::Scalar(..) | Event::Alias(_) => EventKind::Node,
            _ => return,
        };
        self.records.push(tabs::Record {
            kind,
            span,
            in_flow: self.stack.last().is_some_and(|f| f.in_flow),
            block_indent: self.stack.last().map_or(-1, |f| f.block_indent),
            scalar: matches!(event, Event::Scalar(..)),
        });
    }

    /// Whether the node at `offset` is a flow collection: `[` or `{` after any tag and anchor.
    fn starts_flow(&self, offset: usize) -> bool {
        let mut rest = &self.file.text()[self.file.clamp(offset)..];
        while rest.starts_with(['!', '&']) {
            let property = rest.find([' ', '\t', '\n', '\r']).unwrap_or(rest.len());
            rest = rest[property..].trim_start_matches([' ', '\t', '\n', '\r']);
        }
        rest.starts_with(['[', '{'])
    }

    fn expecting_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame {
                container: Container::Mapping {
                    pending_key: None,
                    ..
                },
                ..
            })
        )
    }

    /// The span of the key waiting for its value in the innermost container.
    fn pending_key_span(&self) -> Option<Span> {
        match self.stack.last() {
            Some(Frame {
                container:
                    Container::Mapping {
                        pending_key: Some((_, span)),
                        ..
                    },
                ..
            }) => Some(*span),
            _ => None,
        }
    }

    /// The span table's node of the value about to be inserted into the innermost container.
    fn child_node(&mut self) -> u32 {
        match self.stack.last() {
            None => self.spans.child_node(None, ""),
            Some(frame) => match &frame.container {
                Container::Sequence(items) => {
                    let token = items.len().to_string();
                    self.spans.child_node(Some(frame.node), &token)
                }
                Container::Mapping { pending_key, .. } => self.spans.child_node(
                    Some(frame.node),
                    pending_key.as_ref().map_or("", |(key, _)| key.as_str()),
                ),
            },
        }
    }

    fn count_node(&mut self, span: Span) -> Result<(), Stop> {
        self.nodes += 1;
        if self.nodes > self.limits.max_nodes {
            self.diagnostics.push(
                Diagnostic::error(
                    &LIMIT_EXCEEDED,
                    format!(
                        "document holds more values than {}",
                        VALUE_COUNT.describe(count(self.limits.max_nodes, "values"))
                    ),
                )
                .with_span(span)
                .with_label("limit reached here")
                .with_help(VALUE_COUNT.how_to_raise()),
            );
            return Err(Stop);
        }
        Ok(())
    }

    fn open(&mut self, span: Span, container: Container) -> Result<(), Stop> {
        if self.stack.len() >= self.limits.max_depth {
            self.diagnostics.push(
                Diagnostic::error(
                    &LIMIT_EXCEEDED,
                    format!(
                        "nesting deeper than {}",
                        NESTING_DEPTH.describe(count(self.limits.max_depth, "levels"))
                    ),
                )
                .with_span(span)
                .with_label("too deep")
                .with_help(NESTING_DEPTH.how_to_raise()),
            );
            return Err(Stop);
        }
        self.count_node(span)?;
        let node = self.child_node();
        let key = self.pending_key_span();
        let (flow, column) = if self.tab_lines.is_empty() {
            (false, 0)
        } else {
            let column = self.file.line_col(span.start).column - 1;
            (
                self.starts_flow(span.start),
                isize::try_from(column).unwrap_or(isize::MAX),
            )
        };
        let outer = self.stack.last();
        let in_flow = flow || outer.is_some_and(|f| f.in_flow);
        let block_indent = if flow {
            outer.map_or(-1, |f| f.block_indent)
        } else {
            column
        };
        self.stack.push(Frame {
            node,
            start: span.start,
            flow,
            key,
            in_flow,
            block_indent,
            container,
        });
        Ok(())
    }

    fn close(&mut self, span: Span) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let end = span.start.max(frame.start);
        // A block collection's end event sits at the next token; trim trailing blank lines and
        // comments so the span ends where the collection's text does.
        let end = self.trim_end(frame.start, end);
        let value = match frame.container {
            Container::Sequence(items) => Value::Array(items),
            Container::Mapping { map, .. } => Value::Object(map),
        };
        self.spans
            .record(frame.node, Span::new(frame.start, end), frame.key);
        self.insert(value);
    }

    fn trim_end(&self, start: usize, end: usize) -> usize {
        let text = &self.file.text()[start..self.file.clamp(end)];
        let mut trimmed = text.len();
        // From the end, stopping at the first line with content: a collection's text is not
        // scanned again at every level it is nested in.
        for line in text.split_inclusive('\n').rev() {
            let content = line.trim();
            if content.is_empty() || content.starts_with('#') {
                trimmed -= line.len();
            } else {
                break;
            }
        }
        let trimmed = text[..trimmed].trim_end().len();
        start + trimmed
    }

    fn key(&mut self, key: String, span: Span) {
        let Some(Frame {
            node,
            container: Container::Mapping { map, pending_key },
            ..
        }) = self.stack.last_mut()
        else {
            return;
        };
        // The previous key's value is in `map` by now: a value ends before the next key starts.
        if map.contains_key(&key) {
            let first = self.spans.key_of(*node, &key);
            let mut diagnostic =
                Diagnostic::error(&DUPLICATE_KEY, format!("duplicate key `{key}`"))
                    .with_span(span)
                    .with_label("second definition")
                    .with_help("remove one of them; YAML tools disagree on which one wins");
            if let Some(first) = first {
                diagnostic = diagnostic.with_secondary(first, "first defined here");
            }
            self.diagnostics.push(diagnostic);
        }
        *pending_key = Some((key, span));
    }

    fn insert(&mut self, value: Value) {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(frame) => match &mut frame.container {
                Container::Sequence(items) => items.push(value),
                Container::Mapping {
                    map, pending_key, ..
                } => {
                    if let Some((key, _)) = pending_key.take() {
                        // The first definition wins; the duplicate is already reported.
                        map.entry(key).or_insert(value);
                    }
                }
            },
        }
    }

    fn check_anchor(&mut self, anchor: usize, span: Span) {
        if anchor != 0 {
            self.report_alias(span, "anchor");
        }
    }

    fn report_alias(&mut self, span: Span, what: &str) {
        if self.reported_alias {
            return;
        }
        self.reported_alias = true;
        let (message, label) = if what == "alias" {
            ("YAML aliases are not supported", "alias")
        } else {
            ("YAML anchors are not supported", "anchored value")
        };
        self.diagnostics.push(
            Diagnostic::error(&YAML_ALIAS, message)
                .with_span(span)
                .with_label(label)
                .with_help("write the value out in full where it is used"),
        );
    }

    fn check_tag(&mut self, tag: Option<&Tag>, span: Span, allowed: &[&str]) -> Result<(), Stop> {
        let Some(tag) = tag else {
            return Ok(());
        };
        if tag.is_yaml_core_schema() && allowed.contains(&tag.suffix.as_str()) {
            return Ok(());
        }
        let written = self.written_tag(tag, span);
        self.diagnostics.push(
            Diagnostic::error(
                &UNSUPPORTED_YAML,
                format!("unsupported YAML tag `{written}`"),
            )
            .with_span(span)
            .with_label("tag")
            .with_help("remove the tag; connector specs use plain YAML values"),
        );
        Err(Stop)
    }

    /// A tag as the user wrote it (`!!binary`, `!vault`): from the text where the node starts,
    /// else rebuilt from the parser's handle and suffix.
    fn written_tag(&self, tag: &Tag, span: Span) -> String {
        let text = &self.file.text()[self.file.clamp(span.start)..];
        if text.starts_with("!<")
            && let Some(close) = text.find('>')
        {
            return text[..=close].to_owned();
        }
        if text.starts_with('!') {
            let end = text
                .find([' ', '\t', '\n', '\r', ',', ']', '}'])
                .unwrap_or(text.len());
            return text[..end].to_owned();
        }
        match tag.handle.as_str() {
            "tag:yaml.org,2002:" => format!("!!{}", tag.suffix),
            "!" => format!("!{}", tag.suffix),
            "" => format!("!<{}>", tag.suffix),
            handle => format!("{handle}{}", tag.suffix),
        }
    }

    fn resolve(
        &mut self,
        text: &str,
        style: ScalarStyle,
        tag: Option<&Tag>,
        span: Span,
    ) -> Result<Value, Stop> {
        if let Some(tag) = tag {
            let resolved = match (tag.is_yaml_core_schema(), tag.suffix.as_str()) {
                (true, "str") => Some(Value::String(text.to_owned())),
                (true, "int" | "float") if NumberProblem::of(text).is_some() => {
                    Some(Value::String(text.to_owned()))
                }
                (true, "int" | "float" | "bool" | "null") => match resolve_plain(text) {
                    Value::String(_) => None,
                    value => Some(value),
                },
                _ => None,
            };
            if let Some(value) = resolved {
                return Ok(value);
            }
            if tag.is_yaml_core_schema()
                && matches!(tag.suffix.as_str(), "int" | "float" | "bool" | "null")
            {
                let written = self.written_tag(tag, span);
                self.diagnostics.push(
                    Diagnostic::error(
                        &UNSUPPORTED_YAML,
                        format!("the value does not match its tag `{written}`"),
                    )
                    .with_span(span)
                    .with_label("tagged value")
                    .with_help("remove the tag, or write a value of that type"),
                );
                return Err(Stop);
            }
            self.check_tag(Some(tag), span, &[])?;
            return Err(Stop);
        }
        Ok(match style {
            ScalarStyle::Plain => resolve_plain(text),
            _ => Value::String(text.to_owned()),
        })
    }

    fn on_scan_error(&mut self, error: &ScanError) {
        let marker = error.marker();
        let offset = self.positions.byte(marker.index()) + self.bom;
        let offset = self.file.clamp(offset);
        let info = error.info();
        let text = self.file.text();
        let tab = if text.contains('\t') {
            tabs::fault_at_scan_error(text, &self.tab_lines, &self.records, offset, info)
        } else {
            None
        };
        if let Some(tab) = tab {
            self.diagnostics.push(tabs::tab_diagnostic(self.file, tab));
            return;
        }
        let mut diagnostic = Diagnostic::error(&YAML_SYNTAX_ERROR, describe_scan_error(info));
        let end = self.file.text()[offset..]
            .chars()
            .next()
            .filter(|c| *c != '\n' && *c != '\r')
            .map_or(offset, |c| offset + c.len_utf8());
        diagnostic = diagnostic.with_span(Span::new(offset, end));
        if info.contains("recursion limit") {
            diagnostic = Diagnostic::error(
                &LIMIT_EXCEEDED,
                format!(
                    "flow collections nested deeper than {}",
                    FLOW_NESTING.describe_default()
                ),
            )
            .with_span(Span::new(offset, end))
            .with_help(FLOW_NESTING.how_to_raise());
        }
        self.diagnostics.push(diagnostic);
    }
}

/// Turns a scanner message into a terse lowercase phrase.
fn describe_scan_error(info: &str) -> String {
    let info = info.trim().trim_end_matches('.');
    let mut chars = info.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => "invalid YAML".to_owned(),
    }
}

/// YAML 1.2 core schema resolution of a plain scalar.
pub(crate) fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(value) = resolve_int(text) {
        return value;
    }
    if is_core_float(text)
        && let Some(number) = text.parse::<f64>().ok().and_then(Number::from_f64)
    {
        return Value::Number(number);
    }
    Value::String(text.to_owned())
}

fn resolve_int(text: &str) -> Option<Value> {
    let (radix, digits) = if let Some(hex) = text.strip_prefix("0x") {
        (16, hex)
    } else if let Some(octal) = text.strip_prefix("0o") {
        (8, octal)
    } else {
        let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
        if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        return text
            .parse::<i64>()
            .map(Value::from)
            .or_else(|_| text.trim_start_matches('+').parse::<u64>().map(Value::from))
            .ok()
            .or_else(|| Some(Value::String(text.to_owned())));
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    Some(
        u64::from_str_radix(digits, radix)
            .map_or_else(|_| Value::String(text.to_owned()), Value::from),
    )
}

/// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`; infinities and NaN
/// have no JSON form and stay strings.
fn is_core_float(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(index) => (&body[..index], Some(&body[index + 1..])),
        None => (body, None),
    };
    let (int_part, frac_part) = match mantissa.find('.') {
        Some(index) => (&mantissa[..index], Some(&mantissa[index + 1..])),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match frac_part {
        None => !int_part.is_empty() && digits(int_part),
        Some(frac) => digits(int_part) && digits(frac) && !(int_part.is_empty() && frac.is_empty()),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

mod encoding;

pub use encoding::is_yaml_printable;
mod tabs;

#[cfg(test)]
mod tests;

/// The span of a quoted scalar, from its opening to its closing quote. The parser's end
/// marker of a quoted scalar in block context lies past the spaces and comment that follow it,
/// and a fix or an underline must not take those.
fn quoted_scalar_span(text: &str, span: Span) -> Span {
    let Some(written) = text.get(span.start..span.end) else {
        return span;
    };
    let Some(open) = written.find(['"', '\'']) else {
        return span;
    };
    let quote = written.as_bytes()[open];
    let bytes = written.as_bytes();
    let mut at = open + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' if quote == b'"' => at += 2,
            b'\'' if quote == b'\'' && bytes.get(at + 1) == Some(&b'\'') => at += 2,
            byte if byte == quote => return Span::new(span.start, span.start + at + 1),
            _ => at += 1,
        }
    }
    span
}
