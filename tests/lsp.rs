//! `claimcheck lsp` as an editor runs it: a child process spoken to in framed
//! JSON-RPC over its standard input and output. Every wait has a deadline, so a
//! server that stays silent fails the test instead of hanging it.

mod common;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Long enough for a debug build on a busy machine to load the base and check.
const DEADLINE: Duration = Duration::from_secs(60);

/// The server's side of the conversation, as a client sees it.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Messages read while waiting for others, in order, not yet looked at.
    unread: Vec<Value>,
    next_id: i64,
}

impl Client {
    /// Starts `claimcheck lsp` with `args` in the repository root and completes
    /// the handshake; `capabilities` are the client's. Returns the server's
    /// `initialize` result.
    fn start(args: &[&str], capabilities: Value) -> (Client, Value) {
        let mut child = common::command()
            .arg("lsp")
            .args(args)
            .current_dir(common::root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, incoming) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            incoming,
            unread: Vec::new(),
            next_id: 1,
        };
        let result = client.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        client.notify("initialized", json!({}));
        (client, result["result"].clone())
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.stdin.flush())
            .expect("the server reads its input");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(&format!("the response to {method}"), |m| m["id"] == id)
    }

    /// The first message, read before or now, that `wanted` accepts.
    fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.unread.iter().position(&wanted) {
            return self.unread.remove(at);
        }
        let deadline = Instant::now() + DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(message) => self.unread.push(message),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no {what} within {DEADLINE:?}; seen: {:#?}", self.unread)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server ended before {what}; seen: {:#?}", self.unread)
                }
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let message = self.wait_for(&format!("diagnostics for {uri} v{version:?}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"].as_i64() == version
        });
        message["params"]["diagnostics"]
            .as_array()
            .expect("a list of diagnostics")
            .clone()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": text}]}),
        );
    }

    fn hover(&mut self, uri: &str, position: Value) -> Value {
        self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position}),
        )["result"]
            .clone()
    }

    /// Waits for the server to end by itself; its exit status.
    fn exit_code(mut self) -> Option<i32> {
        let deadline = Instant::now() + DEADLINE;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("the server's status") {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the server did not end within {DEADLINE:?}");
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed test leaves no server behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One framed message, or none at the end of the stream.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some(value) = header.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server writes JSON"))
}

/// The position of byte `offset` of `text`: line, and character in UTF-16 code
/// units or bytes, counted here independently of the server.
fn position(text: &str, offset: usize, utf8: bool) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let in_line = &text[line_start..offset];
    let character = if utf8 {
        in_line.len()
    } else {
        in_line.encode_utf16().count()
    };
    json!({"line": line, "character": character})
}

/// The zero-based line of the fact with `id` in a fact file.
fn fact_line(file: &Path, id: &str) -> usize {
    std::fs::read_to_string(file)
        .expect("the fact file")
        .lines()
        .position(|line| line.trim() == format!("- id: {id}"))
        .expect("the fact is in its file")
}

const DRAFT_URI: &str = "file:///tmp/claimcheck-lsp-test/oil-district.md";

/// A draft whose count is wrong, after an accented word, a curly quote and an
/// emoji on the same line; `count` is what it says.
fn oil_district_draft(count: &str) -> String {
    format!(
        "---\ndate: 2020-04-09\n---\n# Oil district attack\n\n\
         Café owners near the oil firms’ compound 🚀 counted {count} Katyusha rockets at the Burjesia camp on Monday.\n\n\
         No one was hurt, officials said.\n"
    )
}

fn without_options() -> &'static [&'static str] {
    &["--no-cache"]
}

/// Opens the draft with a wrong count, finds it contradicted at the right place
/// with its deciding fact, hovers over it, fixes it, and ends the session.
fn contradicted_count_round(utf8: bool) {
    let capabilities = if utf8 {
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}})
    } else {
        json!({})
    };
    let (mut client, initialized) = Client::start(without_options(), capabilities);
    let encoding = if utf8 { "utf-8" } else { "utf-16" };
    assert_eq!(initialized["capabilities"]["positionEncoding"], encoding);
    assert_eq!(initialized["capabilities"]["textDocumentSync"], 1);

    let wrong = oil_district_draft("five");
    client.open(DRAFT_URI, "markdown", &wrong);
    let diagnostics = client.diagnostics(DRAFT_URI, Some(1));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let diagnostic = &diagnostics[0];
    assert_eq!(diagnostic["severity"], 1, "an error: {diagnostic:#}");
    assert_eq!(diagnostic["source"], "claimcheck");
    assert_eq!(diagnostic["code"], "count");
    let message = diagnostic["message"].as_str().expect("a message");
    assert!(message.contains("3 rockets"), "{message}");

    let start = wrong.find("five Katyusha rockets").expect("the claim");
    let end = start + "five Katyusha rockets".len();
    assert_eq!(
        diagnostic["range"],
        json!({"start": position(&wrong, start, utf8), "end": position(&wrong, end, utf8)})
    );

    let fact_file = common::root().join("claims/iraq-rocket-attacks-2020.yaml");
    let related = &diagnostic["relatedInformation"][0];
    let related_uri = related["location"]["uri"]
        .as_str()
        .expect("a fact file URI");
    assert!(
        related_uri.starts_with("file:///")
            && related_uri.ends_with("/claims/iraq-rocket-attacks-2020.yaml"),
        "{related_uri}"
    );
    assert_eq!(
        related["location"]["range"]["start"]["line"],
        fact_line(&fact_file, "burjesia-rocket-attack-2020-rockets")
    );
    assert_eq!(
        related["message"],
        "fact burjesia-rocket-attack-2020-rockets"
    );

    let inside = start + "five Kat".len();
    let hover = client.hover(DRAFT_URI, position(&wrong, inside, utf8));
    let card = hover["contents"]["value"].as_str().expect("a hover card");
    assert!(card.contains("contradicted"), "{card}");
    assert!(
        card.contains("](https://cyprus-mail.com/2020/04/06/rockets-hit-oil-industry-district-in-southern-iraq-no-casualties/)"),
        "{card}"
    );
    assert_eq!(hover["range"], diagnostic["range"]);
    let nowhere = client.hover(
        DRAFT_URI,
        position(&wrong, wrong.find("Café").unwrap(), utf8),
    );
    assert!(nowhere.is_null(), "{nowhere:#}");

    client.change(DRAFT_URI, 2, &oil_district_draft("three"));
    let fixed = client.diagnostics(DRAFT_URI, Some(2));
    assert!(fixed.is_empty(), "{fixed:#?}");

    client.change(DRAFT_URI, 3, &wrong);
    assert_eq!(client.diagnostics(DRAFT_URI, Some(3)).len(), 1);
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": DRAFT_URI}}),
    );
    let closed = client.diagnostics(DRAFT_URI, None);
    assert!(closed.is_empty(), "{closed:#?}");

    let shutdown = client.request("shutdown", Value::Null);
    assert!(shutdown.get("error").is_none(), "{shutdown:#}");
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0));
}

#[test]
fn a_contradicted_claim_is_found_placed_in_utf16_explained_and_cleared_when_fixed() {
    contradicted_count_round(false);
}

#[test]
fn positions_count_bytes_when_the_client_offers_utf8() {
    contradicted_count_round(true);
}

#[test]
fn a_draft_without_a_date_is_read_as_of_the_date_given_and_the_log_says_so() {
    let (mut client, _) = Client::start(&["--no-cache", "--as-of", "2020-04-09"], json!({}));
    let uri = "untitled:Untitled-1";
    let text = "Rockets struck the Burjesia camp near Basra on Tuesday, police said.\n";
    client.open(uri, "plaintext", text);
    let diagnostics = client.diagnostics(uri, Some(1));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "event-date");
    let note = client.wait_for("a log of the draft's date", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("2020-04-09") && s.contains("--as-of"))
    });
    assert_eq!(note["params"]["type"], 3, "information: {note:#}");
}

#[test]
fn a_draft_with_neither_date_is_read_as_of_today_and_the_log_says_so() {
    let (mut client, _) = Client::start(without_options(), json!({}));
    let uri = "untitled:Untitled-2";
    client.open(uri, "plaintext", "The camp was quiet, officials said.\n");
    assert!(client.diagnostics(uri, Some(1)).is_empty());
    let today = chrono::Local::now().date_naive();
    let yesterday = today.pred_opt().expect("a day before today");
    client.wait_for("a log that the draft is read as of today", |m| {
        let message = m["params"]["message"].as_str().unwrap_or("");
        m["method"] == "window/logMessage"
            && message.contains("today")
            // The check may have run just before midnight.
            && (message.contains(&today.to_string()) || message.contains(&yesterday.to_string()))
    });
}

/// Copies the bundled rules and facts where a test may change them.
fn copy_base(into: &Path) {
    for name in ["claims", "rules"] {
        let to = into.join(name);
        std::fs::create_dir_all(&to).expect("a directory for the copy");
        for entry in std::fs::read_dir(common::root().join(name)).expect("the bundled files") {
            let path = entry.expect("a bundled file").path();
            if path.is_file() {
                std::fs::copy(&path, to.join(path.file_name().unwrap())).expect("a copy");
            }
        }
    }
}

#[test]
fn the_fact_base_is_reloaded_when_a_fact_file_changes_and_kept_when_the_change_breaks_it() {
    let dir = tempfile::tempdir().unwrap();
    copy_base(dir.path());
    let claims = dir.path().join("claims");
    let rules = dir.path().join("rules");
    let (mut client, _) = Client::start(
        &[
            "--no-cache",
            "--db",
            claims.to_str().unwrap(),
            "--rules",
            rules.to_str().unwrap(),
        ],
        json!({}),
    );
    client.open(DRAFT_URI, "markdown", &oil_district_draft("five"));
    assert_eq!(client.diagnostics(DRAFT_URI, Some(1)).len(), 1);

    // The sources are found to say five: the draft is right after all.
    let fact_file = claims.join("iraq-rocket-attacks-2020.yaml");
    let original = std::fs::read_to_string(&fact_file).unwrap();
    let counted_three = "    value: 3\n    unit: rocket\n";
    assert!(original.contains(counted_three));
    let counted_five = original.replace(
        counted_three,
        "    value: 5  # recounted\n    unit: rocket\n",
    );
    std::fs::write(&fact_file, &counted_five).unwrap();
    let reloaded = client.diagnostics(DRAFT_URI, Some(1));
    assert!(reloaded.is_empty(), "{reloaded:#?}");

    // A fact file that no longer parses is reported, and the base loaded before
    // stays in use: five is still right, three is now wrong.
    std::fs::write(&fact_file, format!("{counted_five}\n  - id: [unclosed\n")).unwrap();
    let shown = client.wait_for("a message about the broken fact file", |m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("iraq-rocket-attacks-2020.yaml"))
    });
    assert_eq!(shown["params"]["type"], 1, "an error: {shown:#}");
    client.change(DRAFT_URI, 2, &oil_district_draft("three"));
    let with_old_base = client.diagnostics(DRAFT_URI, Some(2));
    assert_eq!(with_old_base.len(), 1, "{with_old_base:#?}");
    assert!(
        with_old_base[0]["message"]
            .as_str()
            .unwrap()
            .contains("5 rockets"),
        "{with_old_base:#?}"
    );

    let shutdown = client.request("shutdown", Value::Null);
    assert!(shutdown.get("error").is_none(), "{shutdown:#}");
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0));
}

#[test]
fn exit_without_shutdown_ends_with_status_one() {
    let (mut client, _) = Client::start(without_options(), json!({}));
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(1));
}

#[test]
fn an_unknown_request_gets_an_error_and_the_session_goes_on() {
    let (mut client, _) = Client::start(without_options(), json!({}));
    let answer = client.request("textDocument/definition", json!({}));
    assert_eq!(answer["error"]["code"], -32601, "{answer:#}");
    let shutdown = client.request("shutdown", Value::Null);
    assert!(shutdown.get("error").is_none(), "{shutdown:#}");
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0));
}
