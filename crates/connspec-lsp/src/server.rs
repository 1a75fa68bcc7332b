//! The message loop: initialize, document notifications, code actions, shutdown and exit.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use connspec_diagnostics::Code;
use connspec_model::{CheckOptions, DocumentKind};
use lsp_server::{Connection, ErrorCode, Message, Notification, ProtocolError, Request, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProvider, CodeActionRequest,
    CodeActionResponse, CompletionOptions, CompletionParams, CompletionRequest, DefinitionParams,
    DefinitionRequest, DidChangeTextDocumentNotification, DidChangeTextDocumentParams,
    DidChangeWatchedFilesNotification, DidCloseTextDocumentNotification,
    DidCloseTextDocumentParams, DidOpenTextDocumentNotification, DidOpenTextDocumentParams,
    DidSaveTextDocumentNotification, DocumentSymbolParams, DocumentSymbolRequest, HoverParams,
    HoverRequest, InitializeResult, LogMessageNotification, LogMessageParams, MessageType,
    Notification as _, PositionEncodingKind, PublishDiagnosticsNotification,
    PublishDiagnosticsParams, Request as _, ServerCapabilities, ServerInfo, TextDocumentSync,
    TextDocumentSyncKind, TextDocumentSyncOptions, Uri, WorkDoneProgressOptions,
};

use crate::FIX_ALL_KIND;
use crate::actions::code_actions;
use crate::convert::to_lsp;
use crate::document::Document;
use crate::schema::Schemas;
use crate::settings::{self, DocumentSettings};
use crate::workspace;

/// Why the server stopped other than by `shutdown` and `exit`.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("protocol error: {0}")]
    Protocol(#[from] ProtocolError),
    #[error("cannot encode a message: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the client went away")]
    Disconnected,
    #[error("the connection's threads failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Serves over stdin and stdout until the client says `exit`.
pub fn run_stdio() -> Result<(), ServerError> {
    let (connection, io_threads) = Connection::stdio();
    run(&connection)?;
    // The writer thread ends once every sender is dropped.
    drop(connection);
    io_threads.join()?;
    Ok(())
}

/// Serves on `connection` (stdio, or `Connection::memory()` in tests): the initialize
/// handshake, then every message in order until `shutdown` and `exit`.
pub fn run(connection: &Connection) -> Result<(), ServerError> {
    let (id, _params) = connection.initialize_start()?;
    connection.initialize_finish(id, serde_json::to_value(initialize_result())?)?;
    let mut server = Server {
        connection,
        documents: HashMap::new(),
        codes: settings::codes(),
        schemas: Schemas::new(),
    };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                server.request(&request)?;
            }
            Message::Notification(notification) => server.notification(notification)?,
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn initialize_result() -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSync::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::Incremental),
                will_save: None,
                will_save_wait_until: None,
                // A saved `connspec.toml` changes the settings of every document.
                save: Some(true.into()),
            })),
            code_action_provider: Some(CodeActionProvider::CodeActionOptions(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QuickFix,
                    CodeActionKind::Custom(FIX_ALL_KIND.into()),
                ]),
                documentation: None,
                resolve_provider: Some(false),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })),
            completion_provider: Some(CompletionOptions {
                // `[` and `,` open a scope list item, `.` a template name, ` ` follows `{{` and
                // a key's colon.
                trigger_characters: Some(
                    ["[", ",", ".", " ", ":", "-"].map(str::to_owned).to_vec(),
                ),
                ..CompletionOptions::default()
            }),
            hover_provider: Some(true.into()),
            definition_provider: Some(true.into()),
            document_symbol_provider: Some(true.into()),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "connspec".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    }
}

struct Server<'a> {
    connection: &'a Connection,
    documents: HashMap<Uri, Document>,
    codes: Vec<&'static Code>,
    /// Built once: every completion and hover walks them.
    schemas: Schemas,
}

/// A request that cannot be answered: the error code and message to reply with.
type Refusal = (ErrorCode, String);

/// Decodes a request's parameters, or says why they are wrong.
fn params<P: serde::de::DeserializeOwned>(request: &Request) -> Result<P, Refusal> {
    serde_json::from_value(request.params.clone()).map_err(|error| {
        (
            ErrorCode::InvalidParams,
            format!("invalid `{}` parameters: {error}", request.method),
        )
    })
}

impl Server<'_> {
    fn send(&self, message: Message) -> Result<(), ServerError> {
        self.connection
            .sender
            .send(message)
            .map_err(|_| ServerError::Disconnected)
    }

    fn notify<P: serde::Serialize>(&self, method: &str, params: P) -> Result<(), ServerError> {
        self.send(Notification::new(method.to_owned(), params).into())
    }

    fn request(&mut self, request: &Request) -> Result<(), ServerError> {
        let id = request.id.clone();
        let response = match self.answer(request) {
            Ok(result) => Response::new_ok(id, result),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(response.into())
    }

    /// The result of `request`.
    fn answer(&self, request: &Request) -> Result<serde_json::Value, Refusal> {
        let method = request.method.as_str();
        let ok = |value: serde_json::Value| Ok(value);
        if method == CodeActionRequest::METHOD.as_str() {
            let params: CodeActionParams = params(request)?;
            let actions: Vec<CodeActionResponse> = self
                .documents
                .get(&params.text_document.uri)
                .map(|document| code_actions(document, &params))
                .unwrap_or_default()
                .into_iter()
                .map(CodeActionResponse::CodeAction)
                .collect();
            ok(serde_json::to_value(actions).unwrap_or_default())
        } else if method == CompletionRequest::METHOD.as_str() {
            let params: CompletionParams = params(request)?;
            let position = &params.text_document_position_params;
            let items = self
                .documents
                .get(&position.text_document.uri)
                .map(|d| crate::completion::completions(d, &self.schemas, position.position))
                .unwrap_or_default();
            ok(serde_json::to_value(items).unwrap_or_default())
        } else if method == HoverRequest::METHOD.as_str() {
            let params: HoverParams = params(request)?;
            let position = &params.text_document_position_params;
            let hover = self
                .documents
                .get(&position.text_document.uri)
                .and_then(|d| crate::hover::hover(d, &self.schemas, position.position));
            ok(serde_json::to_value(hover).unwrap_or_default())
        } else if method == DefinitionRequest::METHOD.as_str() {
            let params: DefinitionParams = params(request)?;
            let position = &params.text_document_position_params;
            let location = self
                .documents
                .get(&position.text_document.uri)
                .and_then(|d| crate::navigate::definition(d, position.position));
            ok(serde_json::to_value(location).unwrap_or_default())
        } else if method == DocumentSymbolRequest::METHOD.as_str() {
            let params: DocumentSymbolParams = params(request)?;
            let symbols = self
                .documents
                .get(&params.text_document.uri)
                .map(crate::navigate::symbols)
                .unwrap_or_default();
            ok(serde_json::to_value(symbols).unwrap_or_default())
        } else {
            Err((
                ErrorCode::MethodNotFound,
                format!("connspec does not handle `{method}`"),
            ))
        }
    }

    fn notification(&mut self, notification: Notification) -> Result<(), ServerError> {
        let method = notification.method.as_str();
        if method == DidOpenTextDocumentNotification::METHOD.as_str() {
            let Ok(params) =
                serde_json::from_value::<DidOpenTextDocumentParams>(notification.params)
            else {
                return Ok(());
            };
            let item = params.text_document;
            let path = file_path(&item.uri);
            let (settings, problem) =
                settings::resolve(path.as_deref(), &self.codes, &self.open_projects());
            if let Some(problem) = problem {
                self.log(MessageType::Warning, problem)?;
            }
            let uri = item.uri.clone();
            self.documents.insert(
                uri.clone(),
                Document::new(item.uri, path, item.version, item.text, settings),
            );
            self.check_and_publish(&uri)?;
        } else if method == DidChangeTextDocumentNotification::METHOD.as_str() {
            let Ok(params) =
                serde_json::from_value::<DidChangeTextDocumentParams>(notification.params)
            else {
                return Ok(());
            };
            let uri = params.text_document.text_document_identifier.uri;
            if let Some(document) = self.documents.get_mut(&uri) {
                document.apply_changes(params.text_document.version, params.content_changes);
                self.check_and_publish(&uri)?;
            }
        } else if method == DidSaveTextDocumentNotification::METHOD.as_str()
            || method == DidChangeWatchedFilesNotification::METHOD.as_str()
        {
            // A project file saved or changed on disk (by the editor or another program):
            // every document's settings are read again.
            self.refresh_settings()?;
        } else if method == DidCloseTextDocumentNotification::METHOD.as_str() {
            let Ok(params) =
                serde_json::from_value::<DidCloseTextDocumentParams>(notification.params)
            else {
                return Ok(());
            };
            let uri = params.text_document.uri;
            let closed = self.documents.remove(&uri);
            self.notify(
                PublishDiagnosticsNotification::METHOD.as_str(),
                PublishDiagnosticsParams {
                    uri,
                    version: None,
                    diagnostics: Vec::new(),
                },
            )?;
            // Closing an edited project file without saving it brings back the file on disk.
            if closed.is_some_and(|d| d.is_project()) {
                self.refresh_settings()?;
            }
        }
        Ok(())
    }

    /// The texts of the project files open in the editor, by canonical path.
    fn open_projects(&self) -> HashMap<PathBuf, String> {
        self.documents
            .values()
            .filter(|d| d.is_project())
            .filter_map(|d| {
                let path = d.path.as_ref()?;
                let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                Some((canonical, d.text.clone()))
            })
            .collect()
    }

    /// Resolves every open document's settings again and re-checks those whose settings
    /// changed.
    fn refresh_settings(&mut self) -> Result<(), ServerError> {
        let open_projects = self.open_projects();
        let mut changed = Vec::new();
        let mut problems = Vec::new();
        for document in self.documents.values_mut().filter(|d| !d.is_project()) {
            let (settings, problem) =
                settings::resolve(document.path.as_deref(), &self.codes, &open_projects);
            problems.extend(problem);
            if settings != document.settings {
                document.settings = settings;
                changed.push(document.uri.clone());
            }
        }
        problems.sort();
        problems.dedup();
        for problem in problems {
            self.log(MessageType::Warning, problem)?;
        }
        for uri in changed {
            self.check_one(&uri)?;
        }
        Ok(())
    }

    fn log(&self, kind: MessageType, message: String) -> Result<(), ServerError> {
        self.notify(
            LogMessageNotification::METHOD.as_str(),
            LogMessageParams { kind, message },
        )
    }

    /// Re-checks one document and publishes its diagnostics; then what depends on it: every
    /// document's settings after a project file, the open instance files paired with a spec.
    fn check_and_publish(&mut self, uri: &Uri) -> Result<(), ServerError> {
        let Some(document) = self.documents.get(uri) else {
            return Ok(());
        };
        if document.is_project() {
            self.check_one(uri)?;
            return self.refresh_settings();
        }
        self.check_one(uri)?;
        let Some(document) = self.documents.get(uri) else {
            return Ok(());
        };
        // An instance file's values decide what its specs render: the open specs of its folder
        // are checked again.
        if document.kind == DocumentKind::Instance
            && let Some(folder) = document
                .path
                .as_deref()
                .and_then(|p| workspace::spec_folder(&document.settings, p))
        {
            let specs: Vec<Uri> = self
                .documents
                .values()
                .filter(|d| d.kind == DocumentKind::Connector)
                .filter(|d| d.path.as_deref().and_then(Path::parent) == Some(folder.as_path()))
                .map(|d| d.uri.clone())
                .collect();
            for spec in specs {
                self.check_one(&spec)?;
            }
            return Ok(());
        }
        if document.kind == DocumentKind::Connector
            && let Some(folder) = document.path.as_deref().and_then(Path::parent)
        {
            let instances: Vec<Uri> = self
                .documents
                .values()
                .filter(|d| d.kind == DocumentKind::Instance)
                .filter(|d| {
                    d.path.as_deref().is_some_and(|p| {
                        workspace::spec_folder(&d.settings, p).as_deref() == Some(folder)
                    })
                })
                .map(|d| d.uri.clone())
                .collect();
            for instance in instances {
                self.check_one(&instance)?;
            }
        }
        Ok(())
    }

    /// Checks one document and publishes its findings with its version.
    fn check_one(&mut self, uri: &Uri) -> Result<(), ServerError> {
        let open_specs = self.open_texts();
        let Some(document) = self.documents.get_mut(uri) else {
            return Ok(());
        };
        if document.is_project() {
            document.diagnostics =
                settings::check_project(document.uri.as_str(), &document.text, &self.codes);
        } else {
            let mut checked = check(document.uri.as_str(), &document.text, &document.settings);
            document.kind = checked.checked.kind;
            let mut diagnostics = std::mem::take(&mut checked.checked.diagnostics);
            if checked.checked.kind == DocumentKind::Instance
                && let Some(path) = document.path.as_deref()
            {
                diagnostics.extend(workspace::paired_findings(
                    path,
                    &checked,
                    &document.settings,
                    &open_specs,
                ));
                diagnostics.sort_by_key(|d| (d.span.map_or(0, |s| s.start), d.code.code));
            } else if checked.checked.kind == DocumentKind::Connector
                && let Some(path) = document.path.as_deref()
            {
                for found in
                    workspace::spec_findings(path, &checked, &document.settings, &open_specs)
                {
                    if !diagnostics.contains(&found) {
                        diagnostics.push(found);
                    }
                }
                diagnostics.sort_by_key(|d| (d.span.map_or(0, |s| s.start), d.code.code));
            }
            document.diagnostics = diagnostics;
            // Dropping the replaced tree on a thread of its own was tried: freeing memory
            // another thread allocated contends for the allocator's arena and made an edit's
            // diagnostics twice as slow.
            match checked.checked.document.take() {
                Some(parsed) => {
                    document.parsed = Some(parsed);
                    document.last_value = None;
                }
                // A broken text keeps the names of the last text that loaded.
                None => {
                    if let Some(previous) = document.parsed.take() {
                        document.last_value = Some(previous.value);
                    }
                }
            }
        }
        let diagnostics = document
            .diagnostics
            .iter()
            .map(|d| to_lsp(document, d))
            .collect();
        let params = PublishDiagnosticsParams {
            uri: document.uri.clone(),
            version: Some(document.version),
            diagnostics,
        };
        self.notify(PublishDiagnosticsNotification::METHOD.as_str(), params)
    }

    /// The texts of the open YAML documents, by path: a spec being edited is paired as it
    /// is in the editor, not as it was last saved.
    fn open_texts(&self) -> HashMap<PathBuf, String> {
        self.documents
            .values()
            .filter(|d| !d.is_project())
            .filter_map(|d| Some((d.path.clone()?, d.text.clone())))
            .collect()
    }
}

/// The file path of a `file:` URI.
fn file_path(uri: &Uri) -> Option<PathBuf> {
    uri.scheme()
        .eq("file")
        .then(|| uri.to_file_path().ok())
        .flatten()
}

/// Checks one document as `connspec check` does; the findings in file order.
fn check(name: &str, text: &str, settings: &DocumentSettings) -> connspec_lint::CheckedSource {
    let options = CheckOptions {
        limits: settings.limits,
        kind: None,
    };
    let mut checked =
        connspec_lint::check_and_lint(name, text.as_bytes(), &options, &settings.lint);
    // In file order, as `check` reports them.
    checked
        .checked
        .diagnostics
        .sort_by_key(|d| (d.span.map_or(0, |s| s.start), d.code.code));
    checked
}
