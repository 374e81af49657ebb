//! `claimcheck lsp`: a language server over standard input and output that
//! checks Markdown and text drafts as they are typed. It is an adapter: drafts go
//! through the same pipeline as `claimcheck check`, and its findings become LSP
//! diagnostics (contradicted, outdated and imprecise claims) and hover cards
//! (any claim, with its sources).
//!
//! One module a concern: `server` speaks the protocol, `draft` holds and checks
//! an open draft, `base` loads and reloads the rules and facts, `diagnostics` and
//! `hover` turn findings into LSP data, `position` converts byte spans to LSP
//! positions, `uri` converts paths to URIs.

mod base;
mod diagnostics;
mod draft;
mod hover;
mod position;
mod server;
mod uri;

pub use base::BaseSettings;
pub use draft::FallbackDate;
pub use server::{Ending, ServerError, Settings, serve};
