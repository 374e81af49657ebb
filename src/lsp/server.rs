//! The protocol: the initialize handshake, then one message at a time until
//! shutdown and exit. The server keeps the open drafts, checks one whenever it
//! opens or changes, and publishes its diagnostics; it answers hover requests
//! from the last check.

use super::base::{BaseSettings, Refresh, WatchedBase};
use super::draft::{CheckOutcome, FallbackDate, OpenDraft};
use super::hover;
use super::position::{PositionEncoding, PositionMap};
use crate::report::{TOOL_NAME, TOOL_VERSION};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Exit, LogMessage,
    Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{HoverRequest, Request as _};
use lsp_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    HoverParams, HoverProviderCapability, InitializeParams, InitializeResult, LogMessageParams,
    MessageType, PublishDiagnosticsParams, ServerCapabilities, ServerInfo, ShowMessageParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};
use serde::Serialize;
use std::collections::HashMap;
use std::time::Duration;

/// How long the server waits for a message before it looks at the fact files.
const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// What the server is started with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub base: BaseSettings,
    pub fallback_date: FallbackDate,
}

/// How the session with the editor ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Shutdown, then exit, as the protocol asks.
    Shutdown,
    /// Exit without shutdown, or the editor closed the connection.
    WithoutShutdown,
}

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Protocol(#[from] lsp_server::ProtocolError),
    #[error("the editor closed the connection")]
    Disconnected,
    #[error("cannot write a message: {0}")]
    Encode(#[from] serde_json::Error),
}

/// Runs a session over `connection`: the handshake, then messages until the end.
pub fn serve(connection: &Connection, settings: Settings) -> Result<Ending, ServerError> {
    let (id, params) = connection.initialize_start()?;
    // A client whose capabilities cannot be read gets the protocol's defaults.
    let client = serde_json::from_value::<InitializeParams>(params)
        .map(|params| params.capabilities)
        .unwrap_or_default();
    let encoding = PositionEncoding::negotiate(&client);
    let result = InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: TOOL_NAME.to_string(),
            version: Some(TOOL_VERSION.to_string()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    let mut server = Server {
        connection,
        encoding,
        fallback_date: settings.fallback_date,
        base: WatchedBase::new(settings.base),
        drafts: HashMap::new(),
    };
    server.refresh_base()?;
    server.run()
}

struct Server<'a> {
    connection: &'a Connection,
    encoding: PositionEncoding,
    fallback_date: FallbackDate,
    base: WatchedBase,
    drafts: HashMap<Uri, OpenDraft>,
}

impl Server<'_> {
    fn run(&mut self) -> Result<Ending, ServerError> {
        loop {
            let message = match self.connection.receiver.recv_timeout(POLL_INTERVAL) {
                Ok(message) => message,
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => {
                    self.refresh_base()?;
                    continue;
                }
                Err(crossbeam_channel::RecvTimeoutError::Disconnected) => {
                    return Ok(Ending::WithoutShutdown);
                }
            };
            self.refresh_base()?;
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(Ending::Shutdown);
                    }
                    self.on_request(request)?;
                }
                Message::Notification(notification) if notification.method == Exit::METHOD => {
                    return Ok(Ending::WithoutShutdown);
                }
                Message::Notification(notification) => self.on_notification(notification)?,
                // The server sends no requests, so it expects no responses.
                Message::Response(_) => {}
            }
        }
    }

    fn on_request(&mut self, request: Request) -> Result<(), ServerError> {
        let response = if request.method == HoverRequest::METHOD {
            match serde_json::from_value::<HoverParams>(request.params) {
                Ok(params) => Response::new_ok(request.id, self.hover(&params)),
                Err(error) => invalid_params(request.id, &error),
            }
        } else {
            Response::new_err(
                request.id,
                ErrorCode::MethodNotFound as i32,
                format!("{TOOL_NAME} does not answer {}", request.method),
            )
        };
        self.send(response.into())
    }

    fn hover(&self, params: &HoverParams) -> Option<lsp_types::Hover> {
        let at = &params.text_document_position_params;
        let checked = self.drafts.get(&at.text_document.uri)?.checked.as_ref()?;
        let positions = PositionMap::new(&checked.text, self.encoding);
        hover::at(checked, positions.offset(at.position), &positions)
    }

    fn on_notification(&mut self, notification: Notification) -> Result<(), ServerError> {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Some(params) = self.params::<DidOpenTextDocumentParams>(notification)? else {
                    return Ok(());
                };
                let document = params.text_document;
                let draft = OpenDraft::new(
                    &document.uri,
                    &document.language_id,
                    document.version,
                    document.text,
                );
                self.drafts.insert(document.uri.clone(), draft);
                self.check(&document.uri)
            }
            DidChangeTextDocument::METHOD => {
                let Some(params) = self.params::<DidChangeTextDocumentParams>(notification)? else {
                    return Ok(());
                };
                let uri = params.text_document.uri;
                let Some(draft) = self.drafts.get_mut(&uri) else {
                    return Ok(());
                };
                draft.apply(
                    params.text_document.version,
                    params.content_changes,
                    self.encoding,
                );
                self.check(&uri)
            }
            DidCloseTextDocument::METHOD => {
                let Some(params) = self.params::<DidCloseTextDocumentParams>(notification)? else {
                    return Ok(());
                };
                let uri = params.text_document.uri;
                self.drafts.remove(&uri);
                self.publish(uri, Vec::new(), None)
            }
            // Saves, settings and the rest change nothing the server keeps.
            _ => Ok(()),
        }
    }

    /// A notification's parameters; ones that cannot be read are logged and skipped.
    fn params<P: serde::de::DeserializeOwned>(
        &self,
        notification: Notification,
    ) -> Result<Option<P>, ServerError> {
        match serde_json::from_value(notification.params) {
            Ok(params) => Ok(Some(params)),
            Err(error) => {
                self.log(
                    MessageType::WARNING,
                    format!("{}: unreadable parameters: {error}", notification.method),
                )?;
                Ok(None)
            }
        }
    }

    /// Checks an open draft and publishes what the check found. With no base
    /// loaded there is nothing to check against, and nothing is published.
    fn check(&mut self, uri: &Uri) -> Result<(), ServerError> {
        let (Some(loaded), Some(draft)) = (self.base.current(), self.drafts.get_mut(uri)) else {
            return Ok(());
        };
        let CheckOutcome {
            diagnostics,
            date_note,
            failure,
        } = draft.check(loaded, self.fallback_date, self.encoding);
        let version = draft.version;
        if let Some(note) = date_note {
            self.log(MessageType::INFO, note)?;
        }
        if let Some(failure) = failure {
            self.show(MessageType::ERROR, failure)?;
        }
        self.publish(uri.clone(), diagnostics, Some(version))
    }

    /// Loads the rules and facts again if their files changed, and checks every
    /// open draft against the new ones. A base that fails to load is reported,
    /// and the one loaded before stays in use.
    fn refresh_base(&mut self) -> Result<(), ServerError> {
        match self.base.refresh() {
            Refresh::Unchanged => Ok(()),
            Refresh::Reloaded => {
                if let Some(loaded) = self.base.current() {
                    let facts = loaded.base.facts.len();
                    self.log(
                        MessageType::INFO,
                        format!("fact base loaded: {facts} facts"),
                    )?;
                }
                let open: Vec<Uri> = self.drafts.keys().cloned().collect();
                for uri in open {
                    self.check(&uri)?;
                }
                Ok(())
            }
            Refresh::Failed(error) => {
                let consequence = if self.base.current().is_some() {
                    "drafts are checked against the facts loaded before"
                } else {
                    "drafts are checked once it is fixed"
                };
                self.show(MessageType::ERROR, format!("{error}\n({consequence})"))
            }
        }
    }

    fn publish(
        &self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) -> Result<(), ServerError> {
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        })
    }

    /// A message in the editor's log of the server.
    fn log(&self, typ: MessageType, message: String) -> Result<(), ServerError> {
        self.notify::<LogMessage>(LogMessageParams { typ, message })
    }

    /// A message the editor shows the user.
    fn show(&self, typ: MessageType, message: String) -> Result<(), ServerError> {
        self.notify::<ShowMessage>(ShowMessageParams { typ, message })
    }

    fn notify<N>(&self, params: N::Params) -> Result<(), ServerError>
    where
        N: lsp_types::notification::Notification,
        N::Params: Serialize,
    {
        self.send(Notification::new(N::METHOD.to_string(), params).into())
    }

    fn send(&self, message: Message) -> Result<(), ServerError> {
        self.connection
            .sender
            .send(message)
            .map_err(|_| ServerError::Disconnected)
    }
}

fn invalid_params(id: RequestId, error: &serde_json::Error) -> Response {
    Response::new_err(
        id,
        ErrorCode::InvalidParams as i32,
        format!("unreadable parameters: {error}"),
    )
}
