//! Finding and parsing shortcode calls `{{ name(key="value", n=3) }}` in a
//! chapter's Markdown, and replacing each with a placeholder that Markdown
//! leaves untouched. The placeholders are swapped for the rendered output in
//! the pulldown-cmark event stream (see `render`), so the rest of the
//! Markdown — including other braces — is never templated over.
//!
//! Escapes: `{{/* figur(id="x") */}}` prints `{{ figur(id="x") }}` literally;
//! `\{{` prints `{{` (a Markdown backslash escape). Shortcodes inside code
//! spans and code blocks are left as written.

use std::ops::Range;

use crate::shortcodes::Value;

/// Start and end of a placeholder (Unicode private-use characters).
pub const OPEN: char = '\u{E000}';
pub const CLOSE: char = '\u{E001}';
/// Start of a placeholder for an escaped shortcode, printed literally.
pub const OPEN_LITERAL: char = '\u{E002}';

/// One call as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    pub args: Vec<(String, Value)>,
    /// Byte range of the whole `{{ … }}` in the text that was scanned.
    pub span: Range<usize>,
    /// Byte offset of the name (for "unknown shortcode" errors).
    pub name_offset: usize,
}

/// A syntax error at a byte offset.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
    pub help: &'static str,
}

const HELP: &str =
    "shortcodes look like {{ figur(id=\"resultatmaal\") }}; write \\{{ for literal braces";

/// A text with its calls replaced by placeholders.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The text with each call replaced by `OPEN index CLOSE`.
    pub text: String,
    pub calls: Vec<Call>,
    /// Escaped shortcodes, printed as written (without typography).
    pub literals: Vec<String>,
    /// `(offset in text, offset in the original)` at each replacement, to map
    /// positions in `text` back to the original.
    shifts: Vec<(usize, usize)>,
}

impl Extracted {
    /// The original byte offset of a byte offset in `text`.
    pub fn original_offset(&self, offset: usize) -> usize {
        match self.shifts.iter().rev().find(|(out, _)| *out <= offset) {
            Some((out, orig)) => orig + (offset - out),
            None => offset,
        }
    }
}

/// Replace each call in `text` by a placeholder.
/// `skip` lists byte ranges (code spans and blocks) left as written.
pub fn extract(text: &str, skip: &[Range<usize>]) -> Result<Extracted, SyntaxError> {
    let mut out = String::with_capacity(text.len());
    let mut calls = Vec::new();
    let mut shifts = Vec::new();
    let mut literals = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut copied = 0;
    while let Some(found) = text[i..].find("{{") {
        let start = i + found;
        if let Some(r) = skip.iter().find(|r| r.contains(&start)) {
            i = r.end.max(start + 2);
            continue;
        }
        if start > 0 && bytes[start - 1] == b'\\' {
            i = start + 2;
            continue;
        }
        out.push_str(&text[copied..start]);
        if text[start..].starts_with("{{/*") {
            let end = text[start..].find("*/}}").ok_or(SyntaxError {
                offset: start,
                message: "escaped shortcode `{{/*` is not closed with `*/}}`".into(),
                help: HELP,
            })? + start;
            out.push(OPEN_LITERAL);
            out.push_str(&literals.len().to_string());
            out.push(CLOSE);
            literals.push(format!("{{{{{}}}}}", &text[start + 4..end]));
            copied = end + 4;
            i = copied;
            shifts.push((out.len(), copied));
            continue;
        }
        let call = parse_call(text, start)?;
        let end = call.span.end;
        out.push(OPEN);
        out.push_str(&calls.len().to_string());
        out.push(CLOSE);
        calls.push(call);
        copied = end;
        i = end;
        shifts.push((out.len(), copied));
    }
    out.push_str(&text[copied..]);
    Ok(Extracted {
        text: out,
        calls,
        literals,
        shifts,
    })
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(c) if c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            self.bump();
        }
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.text[self.pos..].starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> Option<String> {
        let start = self.pos;
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == '_') {
            self.bump();
        }
        let ident = &self.text[start..self.pos];
        if ident.is_empty() || ident.starts_with(|c: char| c.is_ascii_digit()) {
            self.pos = start;
            return None;
        }
        Some(ident.to_string())
    }

    fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            offset: self.pos,
            message: message.into(),
            help: HELP,
        }
    }
}

fn parse_call(text: &str, start: usize) -> Result<Call, SyntaxError> {
    let mut c = Cursor {
        text,
        pos: start + 2,
    };
    c.skip_ws();
    let name_offset = c.pos;
    let name = c
        .ident()
        .ok_or_else(|| c.error("expected a shortcode name after `{{`"))?;
    c.skip_ws();
    if !c.eat("(") {
        return Err(c.error(format!("expected `(` after `{name}`")));
    }
    let mut args = Vec::new();
    loop {
        c.skip_ws();
        if c.eat(")") {
            break;
        }
        if !args.is_empty() {
            if !c.eat(",") {
                return Err(c.error("expected `,` or `)` between arguments"));
            }
            c.skip_ws();
            if c.eat(")") {
                break;
            }
        }
        let key = c
            .ident()
            .ok_or_else(|| c.error("expected an argument name such as `id`"))?;
        c.skip_ws();
        if !c.eat("=") {
            return Err(c.error(format!("expected `=` after `{key}`")));
        }
        c.skip_ws();
        let value = parse_value(&mut c)?;
        if args.iter().any(|(k, _)| k == &key) {
            return Err(c.error(format!("argument `{key}` is given twice")));
        }
        args.push((key, value));
    }
    c.skip_ws();
    if !c.eat("}}") {
        return Err(c.error("expected `}}` to close the shortcode"));
    }
    Ok(Call {
        name,
        args,
        span: start..c.pos,
        name_offset,
    })
}

fn parse_value(c: &mut Cursor) -> Result<Value, SyntaxError> {
    match c.peek() {
        Some(q @ ('"' | '\'')) => {
            c.bump();
            let mut s = String::new();
            loop {
                match c.bump() {
                    None | Some('\n') => {
                        return Err(c.error("text value is not closed with a quote"))
                    }
                    Some('\\') => match c.bump() {
                        Some(e @ ('"' | '\'' | '\\')) => s.push(e),
                        Some('n') => s.push('\n'),
                        _ => return Err(c.error("unknown escape in text value")),
                    },
                    Some(ch) if ch == q => break,
                    Some(ch) => s.push(ch),
                }
            }
            Ok(Value::Str(s))
        }
        Some(ch) if ch.is_ascii_digit() || ch == '-' || ch == '+' => {
            let start = c.pos;
            c.bump();
            while matches!(c.peek(), Some(d) if d.is_ascii_digit() || d == '.') {
                c.bump();
            }
            let raw = &c.text[start..c.pos];
            if let Ok(i) = raw.parse::<i64>() {
                Ok(Value::Int(i))
            } else if let Ok(f) = raw.parse::<f64>() {
                Ok(Value::Float(f))
            } else {
                Err(c.error(format!("`{raw}` is not a number")))
            }
        }
        _ => {
            let start = c.pos;
            match c.ident().as_deref() {
                Some("true") => Ok(Value::Bool(true)),
                Some("false") => Ok(Value::Bool(false)),
                Some(word) => Err(SyntaxError {
                    offset: start,
                    message: format!("`{word}` must be in quotes: \"{word}\""),
                    help: HELP,
                }),
                None => Err(c.error("expected a value: \"text\", a number, true or false")),
            }
        }
    }
}

/// Split text containing placeholders into literal text and call indexes.
pub fn split_placeholders(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find([OPEN, OPEN_LITERAL]) {
        let literal = rest[open..].starts_with(OPEN_LITERAL);
        let after = &rest[open + OPEN.len_utf8()..];
        let Some(close) = after.find(CLOSE) else {
            break;
        };
        let Ok(index) = after[..close].parse::<usize>() else {
            break;
        };
        if open > 0 {
            pieces.push(Piece::Text(&rest[..open]));
        }
        pieces.push(if literal {
            Piece::Literal(index)
        } else {
            Piece::Call(index)
        });
        rest = &after[close + CLOSE.len_utf8()..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

/// A part of a text event.
#[derive(Debug, PartialEq)]
pub enum Piece<'a> {
    Text(&'a str),
    Call(usize),
    /// An escaped shortcode, by index into `Extracted::literals`.
    Literal(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_calls_and_leaves_other_text() {
        let src = "Som {{ ref(id=\"a\") }} viser, {{andel(figur=\"a\", svar='Ja', utgave=-1)}} %.";
        let ex = extract(src, &[]).unwrap();
        let (text, calls) = (&ex.text, &ex.calls);
        // " viser" follows the first call in both texts
        let after = text.find(" viser").unwrap();
        assert_eq!(ex.original_offset(after), src.find(" viser").unwrap());
        assert_eq!(text, "Som \u{E000}0\u{E001} viser, \u{E000}1\u{E001} %.");
        assert_eq!(calls[0].name, "ref");
        assert_eq!(calls[1].args[1], ("svar".into(), Value::Str("Ja".into())));
        assert_eq!(calls[1].args[2], ("utgave".into(), Value::Int(-1)));
    }

    #[test]
    fn escapes_and_code_are_left_alone() {
        let src = "a {{/* figur(id=\"x\") */}} b \\{{ c `{{ no }}`";
        let code = src.find('`').unwrap()..src.len();
        let ex = extract(src, &[code]).unwrap();
        assert!(ex.calls.is_empty());
        assert_eq!(ex.text, "a \u{E002}0\u{E001} b \\{{ c `{{ no }}`");
        assert_eq!(ex.literals, vec!["{{ figur(id=\"x\") }}".to_string()]);
    }

    #[test]
    fn values_of_each_type() {
        let ex = extract("{{ x(a=1, b=2.5, c=true, d=\"q\\\"\", e=-3,) }}", &[]).unwrap();
        let args = &ex.calls[0].args;
        assert_eq!(args[0].1, Value::Int(1));
        assert_eq!(args[1].1, Value::Float(2.5));
        assert_eq!(args[2].1, Value::Bool(true));
        assert_eq!(args[3].1, Value::Str("q\"".into()));
        assert_eq!(args[4].1, Value::Int(-3));
    }

    #[test]
    fn malformed_calls_point_at_the_problem() {
        let err = extract("ab {{ figur(id=\"x\" }}", &[]).unwrap_err();
        assert_eq!(err.offset, 19);
        assert!(err.message.contains("`,` or `)`"), "{}", err.message);
        let err = extract("{{ figur id }}", &[]).unwrap_err();
        assert!(err.message.contains("expected `(`"));
        let err = extract("{{ figur(id=x) }}", &[]).unwrap_err();
        assert!(err.message.contains("in quotes"));
        let err = extract("{{ figur(id=\"x) }}", &[]).unwrap_err();
        assert!(err.message.contains("not closed"));
        let err = extract("{{ 1 + 2 }}", &[]).unwrap_err();
        assert_eq!(err.offset, 3);
        let err = extract("{{ f(a=1, a=2) }}", &[]).unwrap_err();
        assert!(err.message.contains("twice"));
    }

    #[test]
    fn splits_placeholders() {
        let pieces = split_placeholders("a \u{E000}12\u{E001} b");
        assert_eq!(
            pieces,
            vec![Piece::Text("a "), Piece::Call(12), Piece::Text(" b")]
        );
    }
}
