//! The draft as the HTML report shows it: its prose rendered (Markdown headings,
//! emphasis, lists, tables and links; plain text as paragraphs) with every claim
//! marked where it stands. The draft is read into pieces with their byte offsets,
//! as the document stage read it, so a claim's span marks exactly its bytes.
//!
//! Claims may nest ("1977" inside "after the revolution … in 1977") or cross
//! markup ("**Four** Katyusha rockets"): a claim's mark is closed at every element
//! boundary and opened again after it, and nested claims are nested marks. Each
//! claim gets exactly one verdict label, a link to its card, where its span ends.
//!
//! Everything written here is escaped by this module (the template takes it as
//! markup): draft text, link targets (only web addresses become links) and labels.

use super::{verdict_symbol, visible, web_url};
use crate::document::{Format, MARKDOWN_OPTIONS, markup_source, paragraphs};
use crate::span::Span;
use crate::verify::Verdict;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::fmt::Write;

/// A claim to mark: where it is, and the card its label links to.
#[derive(Debug, Clone)]
pub struct MarkedClaim {
    pub span: Span,
    /// The id of the claim's card in the page.
    pub card: String,
    pub verdict: Verdict,
    pub kind: &'static str,
}

/// An element of the rendered draft.
#[derive(Debug, Clone, PartialEq)]
enum Element {
    Paragraph,
    /// A draft's heading, level 1 to 6.
    Heading(u8),
    BlockQuote,
    List(Option<u64>),
    Item,
    CodeBlock,
    /// Raw HTML in the draft, shown as the text it is.
    RawHtml,
    RawHtmlBlock,
    InlineCode,
    Emphasis,
    Strong,
    Strikethrough,
    /// A link, with its target and the bytes it covers.
    Link(String, Span),
    Image,
    Table,
    TableHead,
    TableRow,
    TableCell {
        head: bool,
    },
    Footnote(String),
    /// Markup the draft's options never produce; kept as a plain span.
    Other,
}

/// Something that stands alone: a line break, a rule, a footnote reference.
#[derive(Debug, Clone, PartialEq)]
enum Void {
    LineBreak,
    Rule,
    FootnoteReference(String),
}

/// The draft read in order, each piece with its offset in the original file.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Open(Element, usize),
    /// Closes the innermost open element.
    Close(usize),
    /// Draft text shown as the file has it.
    Text(Span),
    /// Draft text shown as Markdown reads it (an entity, an escaped character,
    /// code): one piece that a claim covers whole or not at all.
    Decoded(Span, String),
    Void(Void, usize),
}

/// A draft read for rendering.
pub struct DraftText {
    source: String,
    pieces: Vec<Piece>,
    /// The pieces that show words or break a line, in file order.
    words: Vec<usize>,
    /// Whether the draft is plain text, whose line breaks are kept as written.
    pub plain: bool,
}

impl DraftText {
    /// Reads `text`, a draft in `format`, as the document stage reads it.
    pub fn read(text: &str, format: Format) -> DraftText {
        let (source, body_start) = markup_source(text);
        let pieces = match format {
            Format::Markdown => markdown_pieces(&source),
            Format::PlainText => paragraphs(&source, body_start)
                .into_iter()
                .flat_map(|block| {
                    let shown = source[block.start..block.end].trim_end().len();
                    [
                        Piece::Open(Element::Paragraph, block.start),
                        Piece::Text(Span::new(block.start, block.start + shown)),
                        Piece::Close(block.end),
                    ]
                })
                .collect(),
        };
        let words = pieces
            .iter()
            .enumerate()
            .filter(|(_, piece)| {
                matches!(
                    piece,
                    Piece::Text(_) | Piece::Decoded(..) | Piece::Void(Void::LineBreak, _)
                )
            })
            .map(|(i, _)| i)
            .collect();
        DraftText {
            source: source.into_owned(),
            pieces,
            words,
            plain: format == Format::PlainText,
        }
    }

    /// The words `span` covers as a reader sees them, markup left out, on one line:
    /// "Four Katyusha rockets" for `**Four** Katyusha rockets`.
    pub fn prose(&self, span: Span) -> String {
        let mut words = String::new();
        let first = self.words.partition_point(|&i| match &self.pieces[i] {
            Piece::Text(at) | Piece::Decoded(at, _) => at.end <= span.start,
            Piece::Void(_, at) => *at < span.start,
            Piece::Open(..) | Piece::Close(_) => true,
        });
        for &i in &self.words[first..] {
            match &self.pieces[i] {
                Piece::Text(at) if at.start >= span.end => break,
                Piece::Decoded(at, _) if at.start >= span.end => break,
                Piece::Void(_, at) if *at >= span.end => break,
                Piece::Text(at) => {
                    let from = at.start.max(span.start);
                    let to = at.end.min(span.end);
                    words.push_str(self.source.get(from..to).unwrap_or(""));
                }
                Piece::Decoded(_, shown) => words.push_str(shown),
                _ => words.push(' '),
            }
        }
        words.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The draft as HTML, each of `claims` marked. Every claim gets one label.
    pub fn html(&self, claims: &[MarkedClaim]) -> String {
        let mut weaver = Weaver::new(&self.source, claims);
        for piece in &self.pieces {
            match piece {
                Piece::Open(element, at) => weaver.open_element(element, *at),
                Piece::Close(at) => weaver.close_element(*at),
                Piece::Text(span) => weaver.text(*span),
                Piece::Decoded(span, shown) => weaver.decoded(*span, shown),
                Piece::Void(void, at) => weaver.void(void, *at),
            }
        }
        weaver.finish()
    }
}

/// The pieces of a Markdown draft, from the same parse the document stage made.
fn markdown_pieces(source: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut in_table_head = false;
    for (event, range) in Parser::new_ext(source, MARKDOWN_OPTIONS).into_offset_iter() {
        let span = Span::from(range.clone());
        let as_read = |text: &str| {
            if source.get(range.clone()) == Some(text) {
                Piece::Text(span)
            } else {
                Piece::Decoded(span, text.to_string())
            }
        };
        match event {
            Event::Start(tag) => {
                let element = match tag {
                    Tag::Paragraph => Element::Paragraph,
                    Tag::Heading { level, .. } => Element::Heading(level as u8),
                    Tag::BlockQuote(_) => Element::BlockQuote,
                    Tag::CodeBlock(_) => Element::CodeBlock,
                    Tag::HtmlBlock => Element::RawHtmlBlock,
                    Tag::List(start) => Element::List(start),
                    Tag::Item => Element::Item,
                    Tag::FootnoteDefinition(label) => Element::Footnote(label.to_string()),
                    Tag::Table(_) => Element::Table,
                    Tag::TableHead => {
                        in_table_head = true;
                        Element::TableHead
                    }
                    Tag::TableRow => Element::TableRow,
                    Tag::TableCell => Element::TableCell {
                        head: in_table_head,
                    },
                    Tag::Emphasis => Element::Emphasis,
                    Tag::Strong => Element::Strong,
                    Tag::Strikethrough => Element::Strikethrough,
                    Tag::Link { dest_url, .. } => Element::Link(dest_url.to_string(), span),
                    Tag::Image { .. } => Element::Image,
                    _ => Element::Other,
                };
                pieces.push(Piece::Open(element, span.start));
            }
            Event::End(end) => {
                if end == TagEnd::TableHead {
                    in_table_head = false;
                }
                pieces.push(Piece::Close(span.end));
            }
            Event::Text(text) => pieces.push(as_read(&text)),
            Event::SoftBreak => pieces.push(as_read("\n")),
            Event::Code(code) => pieces.extend([
                Piece::Open(Element::InlineCode, span.start),
                Piece::Decoded(span, code.to_string()),
                Piece::Close(span.end),
            ]),
            Event::Html(html) => pieces.push(Piece::Decoded(span, html.to_string())),
            Event::InlineHtml(html) => pieces.extend([
                Piece::Open(Element::RawHtml, span.start),
                Piece::Decoded(span, html.to_string()),
                Piece::Close(span.end),
            ]),
            Event::HardBreak => pieces.push(Piece::Void(Void::LineBreak, span.start)),
            Event::Rule => pieces.push(Piece::Void(Void::Rule, span.start)),
            Event::FootnoteReference(label) => pieces.push(Piece::Void(
                Void::FootnoteReference(label.to_string()),
                span.start,
            )),
            // Math and task lists are not among the options read.
            _ => pieces.push(as_read(source.get(range.clone()).unwrap_or(""))),
        }
    }
    pieces
}

/// Writes pieces as HTML and weaves the claims' marks through them.
struct Weaver<'a> {
    source: &'a str,
    out: String,
    claims: &'a [MarkedClaim],
    /// Claim indices by start (outer claims first at a shared start).
    by_start: Vec<usize>,
    /// Every claim's start and end, sorted: where text is cut.
    cuts: Vec<usize>,
    next_start: usize,
    /// Claim indices by end (inner claims first at a shared end).
    by_end: Vec<usize>,
    next_end: usize,
    /// Claims begun and not ended, in `by_start` order.
    active: Vec<usize>,
    /// Claims whose marks are open now, outermost first.
    open_marks: Vec<usize>,
    finished: Vec<bool>,
    /// Elements open now; links remember whether they were written as links.
    elements: Vec<(Element, bool)>,
    /// The latest end of the claims by start, up to each: whether a link overlaps one.
    end_so_far: Vec<usize>,
}

impl<'a> Weaver<'a> {
    fn new(source: &'a str, claims: &'a [MarkedClaim]) -> Weaver<'a> {
        let mut by_start: Vec<usize> = (0..claims.len()).collect();
        by_start.sort_by_key(|&i| {
            (
                claims[i].span.start,
                std::cmp::Reverse(claims[i].span.end),
                i,
            )
        });
        let mut rank = vec![0; claims.len()];
        for (r, &i) in by_start.iter().enumerate() {
            rank[i] = r;
        }
        let mut by_end: Vec<usize> = (0..claims.len()).collect();
        by_end.sort_by_key(|&i| (claims[i].span.end, std::cmp::Reverse(rank[i])));
        let mut cuts: Vec<usize> = claims
            .iter()
            .flat_map(|c| [c.span.start, c.span.end])
            .filter(|&at| source.is_char_boundary(at))
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let end_so_far = by_start
            .iter()
            .scan(0, |latest, &i| {
                *latest = claims[i].span.end.max(*latest);
                Some(*latest)
            })
            .collect();
        Weaver {
            source,
            out: String::with_capacity(source.len() * 2),
            claims,
            by_start,
            cuts,
            next_start: 0,
            by_end,
            next_end: 0,
            active: Vec::new(),
            open_marks: Vec::new(),
            finished: vec![false; claims.len()],
            elements: Vec::new(),
            end_so_far,
        }
    }

    fn open_element(&mut self, element: &Element, at: usize) {
        self.boundary(at);
        let as_link = match element {
            Element::Link(target, span) => web_url(target).is_some() && !self.holds_claim(*span),
            _ => false,
        };
        let tag = match element {
            Element::Paragraph => "<p>".to_string(),
            Element::Heading(level) => {
                // The page's own headings are h1 and h2; the draft's come below them.
                let shown = (level + 2).min(6);
                format!("<h{shown} class=\"draft-h{level}\">")
            }
            Element::BlockQuote => "<blockquote>".to_string(),
            Element::List(None) => "<ul>".to_string(),
            Element::List(Some(1)) => "<ol>".to_string(),
            Element::List(Some(start)) => format!("<ol start=\"{start}\">"),
            Element::Item => "<li>".to_string(),
            Element::CodeBlock => "<pre><code>".to_string(),
            Element::RawHtml => "<code class=\"raw\">".to_string(),
            Element::RawHtmlBlock => "<pre class=\"raw\"><code>".to_string(),
            Element::InlineCode => "<code>".to_string(),
            Element::Emphasis => "<em>".to_string(),
            Element::Strong => "<strong>".to_string(),
            Element::Strikethrough => "<del>".to_string(),
            Element::Link(target, _) if as_link => {
                let mut tag = String::from("<a href=\"");
                push_escaped(&mut tag, target);
                tag.push_str("\" rel=\"noopener noreferrer\">");
                tag
            }
            Element::Link(..) => "<span class=\"link\">".to_string(),
            Element::Image => "<span class=\"image\">".to_string(),
            Element::Table => "<div class=\"table\"><table>".to_string(),
            Element::TableHead => "<thead><tr>".to_string(),
            Element::TableRow => "<tr>".to_string(),
            Element::TableCell { head: true } => "<th>".to_string(),
            Element::TableCell { head: false } => "<td>".to_string(),
            Element::Footnote(label) => {
                let mut tag = String::from("<div class=\"footnote\"><sup>");
                push_escaped(&mut tag, label);
                tag.push_str("</sup> ");
                tag
            }
            Element::Other => "<span>".to_string(),
        };
        self.out.push_str(&tag);
        self.elements.push((element.clone(), as_link));
    }

    fn close_element(&mut self, at: usize) {
        self.boundary(at);
        let Some((element, as_link)) = self.elements.pop() else {
            return;
        };
        let tag = match &element {
            Element::Paragraph => "</p>".to_string(),
            Element::Heading(level) => format!("</h{}>", (level + 2).min(6)),
            Element::BlockQuote => "</blockquote>".to_string(),
            Element::List(None) => "</ul>".to_string(),
            Element::List(Some(_)) => "</ol>".to_string(),
            Element::Item => "</li>".to_string(),
            Element::CodeBlock | Element::RawHtmlBlock => "</code></pre>".to_string(),
            Element::RawHtml | Element::InlineCode => "</code>".to_string(),
            Element::Emphasis => "</em>".to_string(),
            Element::Strong => "</strong>".to_string(),
            Element::Strikethrough => "</del>".to_string(),
            Element::Link(..) if as_link => "</a>".to_string(),
            // A link around a claim would hold the claim's own link: its target
            // follows it instead.
            Element::Link(target, _) => match web_url(target) {
                Some(url) => {
                    let mut tag = String::from(
                        "</span> <a class=\"link-after\" rel=\"noopener noreferrer\" href=\"",
                    );
                    push_escaped(&mut tag, url);
                    tag.push_str("\" title=\"");
                    push_escaped(&mut tag, url);
                    tag.push_str("\">(link)</a>");
                    tag
                }
                None => "</span>".to_string(),
            },
            Element::Image | Element::Other => "</span>".to_string(),
            Element::Table => "</tbody></table></div>".to_string(),
            Element::TableHead => "</tr></thead><tbody>".to_string(),
            Element::TableRow => "</tr>".to_string(),
            Element::TableCell { head: true } => "</th>".to_string(),
            Element::TableCell { head: false } => "</td>".to_string(),
            Element::Footnote(_) => "</div>".to_string(),
        };
        self.out.push_str(&tag);
    }

    fn void(&mut self, void: &Void, at: usize) {
        self.boundary(at);
        match void {
            Void::LineBreak => self.out.push_str("<br>"),
            Void::Rule => self.out.push_str("<hr>"),
            Void::FootnoteReference(label) => {
                self.out.push_str("<sup class=\"footnote-ref\">[");
                push_escaped(&mut self.out, label);
                self.out.push_str("]</sup>");
            }
        }
    }

    /// Draft text, cut wherever a claim starts or ends inside it.
    fn text(&mut self, span: Span) {
        let first = self.cuts.partition_point(|&at| at <= span.start);
        let last = self.cuts.partition_point(|&at| at < span.end);
        let inside = self.cuts[first..last.max(first)].to_vec();
        let mut from = span.start;
        for to in inside.into_iter().chain([span.end]) {
            let shown = self.source.get(from..to).unwrap_or("");
            self.shown(Span::new(from, to), shown);
            from = to;
        }
    }

    /// Text Markdown decoded: one piece, marked by every claim that overlaps it.
    fn decoded(&mut self, span: Span, shown: &str) {
        self.shown(span, shown);
    }

    /// `shown` for the bytes `span`, inside the marks of the claims covering it.
    fn shown(&mut self, span: Span, shown: &str) {
        if span.is_empty() && shown.is_empty() {
            return;
        }
        self.finish_until(span.start);
        while let Some(&next) = self.by_start.get(self.next_start) {
            if self.claims[next].span.start >= span.end.max(span.start + 1) {
                break;
            }
            self.next_start += 1;
            if !self.finished[next] {
                self.active.push(next);
            }
        }
        let finished = &self.finished;
        self.active.retain(|&c| !finished[c]);
        let wanted = self.active.clone();
        self.sync_marks(&wanted);
        push_escaped(&mut self.out, shown);
    }

    /// Before an element starts or ends: claims that have ended get their label,
    /// and every mark is closed (to be opened again in the next text).
    fn boundary(&mut self, at: usize) {
        self.finish_until(at);
        self.sync_marks(&[]);
    }

    /// Ends every claim whose span ends at or before `at`, each with its label.
    fn finish_until(&mut self, at: usize) {
        while let Some(&claim) = self.by_end.get(self.next_end) {
            if self.claims[claim].span.end > at {
                break;
            }
            self.next_end += 1;
            if self.finished[claim] {
                continue;
            }
            match self.open_marks.iter().position(|&c| c == claim) {
                Some(depth) => {
                    // Marks inside it close first; they open again in the next text.
                    let keep = self.open_marks[..=depth].to_vec();
                    self.sync_marks(&keep);
                }
                // A claim whose mark is closed (or that covers no text) gets a
                // mark of its own for its label.
                None => {
                    let mut keep = self.open_marks.clone();
                    keep.push(claim);
                    self.sync_marks(&keep);
                }
            }
            self.write_label(claim);
            self.out.push_str("</mark>");
            self.open_marks.pop();
            self.finished[claim] = true;
        }
    }

    /// Closes and opens marks so that exactly `wanted` are open, in that order.
    fn sync_marks(&mut self, wanted: &[usize]) {
        let kept = self
            .open_marks
            .iter()
            .zip(wanted)
            .take_while(|(a, b)| a == b)
            .count();
        while self.open_marks.len() > kept {
            self.open_marks.pop();
            self.out.push_str("</mark>");
        }
        for &claim in &wanted[kept..] {
            let c = &self.claims[claim];
            let _ = write!(
                self.out,
                "<mark class=\"claim v-{verdict}\" data-card=\"{card}\" data-verdict=\"{verdict}\" data-kind=\"{kind}\">",
                verdict = c.verdict.as_str(),
                card = attribute(&c.card),
                kind = attribute(c.kind),
            );
            self.open_marks.push(claim);
        }
    }

    fn write_label(&mut self, claim: usize) {
        let c = &self.claims[claim];
        let card = attribute(&c.card);
        let _ = write!(
            self.out,
            " <a class=\"tag\" href=\"#{card}\" aria-controls=\"{card}\" aria-expanded=\"false\"><span aria-hidden=\"true\">{symbol}</span> {verdict}</a>",
            symbol = verdict_symbol(c.verdict),
            verdict = c.verdict.as_str(),
        );
    }

    /// Whether a claim overlaps or touches `span`.
    fn holds_claim(&self, span: Span) -> bool {
        // A claim that touches either end counts too: an empty claim's label at the
        // link's end would be written before the link closes.
        let starting_by_end = self
            .by_start
            .partition_point(|&i| self.claims[i].span.start <= span.end);
        starting_by_end > 0 && self.end_so_far[starting_by_end - 1] >= span.start
    }

    fn finish(mut self) -> String {
        self.finish_until(usize::MAX);
        self.sync_marks(&[]);
        while !self.elements.is_empty() {
            self.close_element(self.source.len());
        }
        self.out
    }
}

/// Text as HTML: hidden characters written out, then `&`, `<`, `>` and quotes escaped.
fn push_escaped(out: &mut String, text: &str) {
    for c in visible(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
}

fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A claim over the first occurrence of `words` in `text` (after `after`).
    fn claim_at(text: &str, words: &str, number: usize, verdict: Verdict) -> MarkedClaim {
        let start = text.find(words).expect("the words are in the draft");
        MarkedClaim {
            span: Span::new(start, start + words.len()),
            card: format!("c{number}"),
            verdict,
            kind: "count",
        }
    }

    fn markdown(text: &str, claims: &[MarkedClaim]) -> (DraftText, String) {
        let draft = DraftText::read(text, Format::Markdown);
        let html = draft.html(claims);
        assert_well_formed(&html);
        (draft, html)
    }

    /// Every element closed in order, no link inside a link, every label once.
    fn assert_well_formed(html: &str) {
        let mut open: Vec<String> = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let end = rest.find('>').expect("tags end");
            let tag = &rest[..end];
            rest = &rest[end + 1..];
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            if matches!(name.as_str(), "br" | "hr") {
                continue;
            }
            if tag.starts_with('/') {
                assert_eq!(open.pop().as_deref(), Some(name.as_str()), "in {html}");
            } else {
                assert!(
                    name != "a" || !open.iter().any(|o| o == "a"),
                    "a link inside a link: {html}"
                );
                open.push(name);
            }
        }
        assert!(open.is_empty(), "left open: {open:?} in {html}");
    }

    fn labels(html: &str, card: &str) -> usize {
        html.matches(&format!("class=\"tag\" href=\"#{card}\""))
            .count()
    }

    #[test]
    fn a_claim_inside_another_is_marked_inside_it_and_both_are_labelled() {
        let text = "Ties broke down after the revolution of 1977 ended it.\n";
        let outer = claim_at(text, "after the revolution of 1977", 1, Verdict::Unverified);
        let inner = claim_at(text, "1977", 2, Verdict::Contradicted);
        let (_, html) = markdown(text, &[outer, inner]);
        assert_eq!((labels(&html, "c1"), labels(&html, "c2")), (1, 1), "{html}");
        let outer_at = html.find("data-card=\"c1\"").unwrap();
        let inner_at = html.find("data-card=\"c2\"").unwrap();
        let inner_label = html.find("href=\"#c2\"").unwrap();
        let outer_label = html.find("href=\"#c1\"").unwrap();
        assert!(outer_at < inner_at && inner_at < inner_label && inner_label < outer_label);
    }

    #[test]
    fn claims_that_overlap_without_nesting_each_get_one_label() {
        let text = "one two three four five\n";
        let first = claim_at(text, "one two three", 1, Verdict::Supported);
        let second = claim_at(text, "three four", 2, Verdict::Outdated);
        let same = claim_at(text, "three four", 3, Verdict::Imprecise);
        let (_, html) = markdown(text, &[first, second, same]);
        for card in ["c1", "c2", "c3"] {
            assert_eq!(labels(&html, card), 1, "{card} in {html}");
        }
        // The second claim is marked on both sides of the first one's end.
        assert_eq!(html.matches("data-card=\"c2\"").count(), 2, "{html}");
    }

    #[test]
    fn a_claim_across_emphasis_and_a_line_break_is_marked_in_pieces_and_quoted_clean() {
        let text = "Police said **four** Katyusha\nrockets hit.\n";
        let start = text.find("four").unwrap();
        let end = text.find("rockets").unwrap() + "rockets".len();
        let claim = MarkedClaim {
            span: Span::new(start, end),
            card: "c1".into(),
            verdict: Verdict::Contradicted,
            kind: "count",
        };
        let (draft, html) = markdown(text, std::slice::from_ref(&claim));
        assert!(
            html.contains("<strong><mark class=\"claim v-contradicted\" data-card=\"c1\""),
            "{html}"
        );
        assert!(!html.contains("**"), "{html}");
        assert_eq!(labels(&html, "c1"), 1);
        assert!(
            html.contains("Katyusha\nrockets <a class=\"tag\""),
            "{html}"
        );
        assert_eq!(draft.prose(claim.span), "four Katyusha rockets");
        // The span is still exactly the file's bytes.
        assert_eq!(
            &text[claim.span.start..claim.span.end],
            "four** Katyusha\nrockets"
        );
    }

    #[test]
    fn markdown_is_rendered_and_front_matter_left_out() {
        let text = "---\ntitle: T\ndate: 2020-04-09\n---\n# Head *one*\n\nSome _em_ and [a link](https://example.org/x?a=1&b=2).\n\n- item `code`\n";
        let (_, html) = markdown(text, &[]);
        assert!(!html.contains("title:") && !html.contains("---"), "{html}");
        assert!(
            html.contains("<h3 class=\"draft-h1\">Head <em>one</em></h3>"),
            "{html}"
        );
        assert!(html.contains("Some <em>em</em>"));
        assert!(html.contains(
            "<a href=\"https://example.org/x?a=1&amp;b=2\" rel=\"noopener noreferrer\">a link</a>"
        ));
        assert!(
            html.contains("<ul><li>item <code>code</code></li></ul>"),
            "{html}"
        );
    }

    #[test]
    fn only_web_addresses_become_links_and_raw_html_is_text() {
        let text = "A [bad](javascript:alert(1)) link, [data](data:text/html,x) and <b onclick=\"x()\">bold</b>.\n\n<script>alert(2)</script>\n\n&lt;i&gt; entity\n";
        let (_, html) = markdown(text, &[]);
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(!html.contains("href=\"data"), "{html}");
        assert!(html.contains("<span class=\"link\">bad</span>"), "{html}");
        assert!(!html.contains("<b ") && !html.contains("<script"), "{html}");
        assert!(html.contains("&lt;b onclick=&quot;x()&quot;&gt;"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"),
            "{html}"
        );
        // An entity is shown as what it stands for, escaped again.
        assert!(html.contains("&lt;i&gt; entity"), "{html}");
    }

    #[test]
    fn a_link_around_a_claim_puts_its_target_after_it() {
        let text = "See [the 2016 deal](https://example.org/deal) today.\n";
        let claim = claim_at(text, "2016", 1, Verdict::Contradicted);
        let (_, html) = markdown(text, &[claim]);
        assert!(html.contains("<span class=\"link\">the <mark"), "{html}");
        assert!(
            html.contains("</span> <a class=\"link-after\" rel=\"noopener noreferrer\" href=\"https://example.org/deal\""),
            "{html}"
        );
    }

    #[test]
    fn plain_text_keeps_its_paragraphs_and_escapes_everything() {
        let text = "---\ntitle: x\n---\n<b>One</b> line\nand the next.\n\nA second & last.\n";
        let draft = DraftText::read(text, Format::PlainText);
        let html = draft.html(&[]);
        assert_well_formed(&html);
        assert!(draft.plain);
        assert_eq!(
            html,
            "<p>&lt;b&gt;One&lt;/b&gt; line\nand the next.</p><p>A second &amp; last.</p>"
        );
    }

    #[test]
    fn hidden_characters_are_written_out() {
        let text = "Trump\u{202e} said so.\n";
        let (_, html) = markdown(text, &[]);
        assert!(html.contains("Trump\\u{202e} said"), "{html}");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// Whatever the markup and however claims overlap: the HTML is well formed
        /// and every claim has exactly one label.
        #[test]
        fn every_claim_gets_one_label_in_well_formed_html(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("word"), Just("**strong**"), Just("*em*"), Just("\n"), Just("\n\n"),
                    Just("[link](https://x.y)"), Just("`code`"), Just("# "), Just("- "),
                    Just("&amp;"), Just("\\*"), Just("<i>"), Just("é—"), Just("| a | b |\n|---|---|\n"),
                ],
                1..24,
            ),
            spans in proptest::collection::vec((0usize..400, 0usize..60), 0..8),
            markdown_format in any::<bool>(),
        ) {
            let text = words.join(" ");
            let claims: Vec<MarkedClaim> = spans
                .iter()
                .enumerate()
                .filter_map(|(i, &(start, length))| {
                    let start = start % (text.len() + 1);
                    let end = (start + length).min(text.len());
                    (text.is_char_boundary(start) && text.is_char_boundary(end)).then(|| MarkedClaim {
                        span: Span::new(start, end),
                        card: format!("c{i}"),
                        verdict: Verdict::Unverified,
                        kind: "count",
                    })
                })
                .collect();
            let format = if markdown_format { Format::Markdown } else { Format::PlainText };
            let html = DraftText::read(&text, format).html(&claims);
            assert_well_formed(&html);
            for claim in &claims {
                prop_assert_eq!(labels(&html, &claim.card), 1, "{} in {}", claim.card, html);
            }
        }
    }
}
