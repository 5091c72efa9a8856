//! Text files as slogate reads them, policies and data alike: UTF-8 (a
//! UTF-8 byte order mark is skipped), no NUL byte, at most a given size, and
//! read incrementally, so that neither a huge file nor an endless stream
//! (`/dev/zero`, a FIFO) is ever held whole.
//!
//! A refusal says where: the line and column (in characters) of the first
//! bad byte, or the size limit that was passed. UTF-16 and UTF-32 files
//! (Windows editors and PowerShell write them) are named as such.

use std::fmt;
use std::io::{self, BufRead, Read};
use std::path::Path;

/// Why a text file was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum TextError {
    /// Not text at 1-based `line` and `column` (in characters).
    NotText {
        line: u64,
        column: u64,
        what: String,
    },
    /// More than `limit` bytes; `note` says whose limit (and how to raise it).
    TooLarge { limit: u64, note: &'static str },
    /// The file could not be opened or read.
    Io(String),
}

impl TextError {
    /// The message for the user: `source:line:column: {severity}what`.
    /// `severity` is `"error: "` for policies (as their diagnostics are
    /// written) and `""` for data files (as their other errors are).
    pub fn render(&self, source: &str, severity: &str) -> String {
        match self {
            TextError::NotText { line, column, what } => {
                format!("{source}:{line}:{column}: {severity}{what}")
            }
            TextError::TooLarge { limit, note } => {
                format!("{source}: {severity}larger than {}{note}", bytes(*limit))
            }
            TextError::Io(message) => format!("{source}: cannot read: {message}"),
        }
    }

    /// What a [`TextReader`] error (or any I/O error) says.
    pub fn from_io(e: io::Error) -> TextError {
        match e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<TextError>())
        {
            Some(text) => text.clone(),
            None => TextError::Io(e.to_string()),
        }
    }
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("(text)", ""))
    }
}

impl std::error::Error for TextError {}

/// A byte count as people write it: `1 MiB`, `1 GiB`, `1,500 bytes`.
pub fn bytes(n: u64) -> String {
    for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] {
        if n >= size && n.is_multiple_of(size) {
            return format!("{} {unit}", thousands(n / size));
        }
    }
    format!("{} bytes", thousands(n))
}

/// `50000000` as `50,000,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() * 4 / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A size limit and what to say when it is passed (after "larger than N").
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limit {
    pub bytes: u64,
    pub note: &'static str,
}

/// Reads a whole text file of at most `limit.bytes` bytes; never reads
/// more than one byte past the limit.
pub fn read_text_file(path: &Path, limit: Limit) -> Result<String, TextError> {
    let file = std::fs::File::open(path).map_err(TextError::from_io)?;
    let mut text = String::new();
    TextReader::new(file, limit)
        .read_to_string(&mut text)
        .map_err(TextError::from_io)?;
    Ok(text)
}

const BUFFER: usize = 64 * 1024;

/// A reader that passes on only checked text: bytes up to the first problem
/// (not UTF-8, a NUL, past the size limit), then the problem as an
/// [`io::Error`] wrapping a [`TextError`] (see [`TextError::from_io`]).
/// Its buffer always ends at a character boundary, so `fill_buf` is valid
/// UTF-8 and may be decoded as it is.
pub struct TextReader<R> {
    inner: R,
    buf: Box<[u8]>,
    /// `buf[pos..checked]` is checked text not consumed yet;
    /// `buf[checked..filled]` was read but not checked: the start of a
    /// character that the next read completes.
    pos: usize,
    checked: usize,
    filled: usize,
    /// Bytes taken from `inner` so far.
    taken: u64,
    limit: Limit,
    started: bool,
    eof: bool,
    /// Line and column (1-based, in characters) of `buf[checked]`.
    line: u64,
    column: u64,
    /// The problem at `buf[checked]`, reported once everything before it
    /// has been consumed.
    problem: Option<TextError>,
}

impl<R: Read> TextReader<R> {
    pub fn new(inner: R, limit: Limit) -> TextReader<R> {
        TextReader {
            inner,
            buf: vec![0; BUFFER].into_boxed_slice(),
            pos: 0,
            checked: 0,
            filled: 0,
            taken: 0,
            limit,
            started: false,
            eof: false,
            line: 1,
            column: 1,
            problem: None,
        }
    }

    /// Reads more into the buffer, keeping what is not consumed; false when
    /// nothing more came (the end, a problem already reported, or a full
    /// buffer).
    pub fn read_more(&mut self) -> io::Result<bool> {
        if self.problem.is_some() || self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.filled, 0);
            self.checked -= self.pos;
            self.filled -= self.pos;
            self.pos = 0;
        }
        if self.filled == self.buf.len() {
            return Ok(false);
        }
        // One byte past the limit tells a file of exactly the limit from a larger one.
        let allowed = self
            .limit
            .bytes
            .saturating_add(1)
            .saturating_sub(self.taken);
        let room =
            (self.buf.len() - self.filled).min(usize::try_from(allowed).unwrap_or(usize::MAX));
        let n = loop {
            match self
                .inner
                .read(&mut self.buf[self.filled..self.filled + room])
            {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        self.taken += n as u64;
        self.filled += n;
        let over = self.taken > self.limit.bytes;
        if over {
            self.filled -= 1;
        }
        self.eof = n == 0;
        if !self.started && (self.filled >= 4 || self.eof || over) {
            self.started = true;
            self.check_encoding();
        }
        if self.started && self.problem.is_none() {
            self.check();
        }
        if over && self.problem.is_none() {
            self.problem = Some(TextError::TooLarge {
                limit: self.limit.bytes,
                note: self.limit.note,
            });
        }
        Ok(n > 0 || self.problem.is_some())
    }

    /// The file's first bytes: a UTF-8 byte order mark is skipped; UTF-16
    /// and UTF-32 (their byte order marks, or ASCII text with every other
    /// byte NUL) are refused by name.
    fn check_encoding(&mut self) {
        let head = &self.buf[..self.filled];
        if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.pos = 3;
            self.checked = 3;
            return;
        }
        let found = match head {
            [0xFF, 0xFE, 0, 0, ..] => Some((
                "is UTF-32 (little-endian, byte order mark FF FE 00 00)",
                "UTF-32",
            )),
            [0, 0, 0xFE, 0xFF, ..] => Some((
                "is UTF-32 (big-endian, byte order mark 00 00 FE FF)",
                "UTF-32",
            )),
            [0xFF, 0xFE, ..] => {
                Some(("is UTF-16 (little-endian, byte order mark FF FE)", "UTF-16"))
            }
            [0xFE, 0xFF, ..] => Some(("is UTF-16 (big-endian, byte order mark FE FF)", "UTF-16")),
            [a, 0, ..] if *a != 0 && a.is_ascii() => Some((
                "looks like UTF-16 (little-endian: every other byte is NUL)",
                "UTF-16LE",
            )),
            [0, b, ..] if *b != 0 && b.is_ascii() => Some((
                "looks like UTF-16 (big-endian: every other byte is NUL)",
                "UTF-16BE",
            )),
            _ => None,
        };
        if let Some((found, encoding)) = found {
            self.problem = Some(TextError::NotText {
                line: 1,
                column: 1,
                what: format!("the file {found}; slogate reads UTF-8 text: convert it, e.g. with iconv -f {encoding} -t UTF-8"),
            });
        }
    }

    /// Checks `buf[checked..filled]`, advancing `checked` to the first
    /// problem or to the last complete character.
    fn check(&mut self) {
        let new = &self.buf[self.checked..self.filled];
        let (mut good, bad) = match std::str::from_utf8(new) {
            Ok(_) => (new.len(), None),
            Err(e) => {
                let at = e.valid_up_to();
                let byte = new[at];
                match e.error_len() {
                    Some(_) => (
                        at,
                        Some(format!(
                            "not UTF-8 text (byte 0x{byte:02X}): save the file as UTF-8"
                        )),
                    ),
                    // The start of a character: the next read completes it, or the file ends in it.
                    None if !self.eof => (at, None),
                    None => (
                        at,
                        Some(format!(
                            "not UTF-8 text: the file ends inside a character (byte 0x{byte:02X})"
                        )),
                    ),
                }
            }
        };
        // `contains` is a memchr; most text has no NUL to look for.
        let nul = if new[..good].contains(&0) {
            new[..good].iter().position(|&b| b == 0)
        } else {
            None
        };
        let what = match nul {
            Some(at) => {
                good = at;
                Some("a NUL byte: this is not a text file".to_string())
            }
            None => bad,
        };
        self.advance(good);
        if let Some(what) = what {
            self.problem = Some(TextError::NotText {
                line: self.line,
                column: self.column,
                what,
            });
        }
    }

    /// Moves `checked` on by `n` bytes of text, counting lines and columns.
    fn advance(&mut self, n: usize) {
        let text = &self.buf[self.checked..self.checked + n];
        let newlines = count(text, |b| b == b'\n');
        let mut line_start = 0;
        if newlines > 0 {
            self.line += newlines;
            self.column = 1;
            line_start = text.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        }
        let rest = &text[line_start..];
        // A character starts at every byte that is not a continuation byte (10xxxxxx).
        self.column += if rest.is_ascii() {
            rest.len() as u64
        } else {
            count(rest, |b| (b as i8) >= -0x40)
        };
        self.checked += n;
    }
}

/// How many bytes of `bytes` match. Counted in blocks of 255 into a byte,
/// which the compiler vectorizes 16 or 32 bytes at a time.
fn count(bytes: &[u8], matches: impl Fn(u8) -> bool) -> u64 {
    bytes
        .chunks(255)
        .map(|block| u64::from(block.iter().map(|&b| u8::from(matches(b))).sum::<u8>()))
        .sum()
}

impl<R: Read> BufRead for TextReader<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.pos == self.checked {
            if let Some(problem) = &self.problem {
                return Err(io::Error::other(problem.clone()));
            }
            if !self.read_more()? {
                break;
            }
        }
        Ok(&self.buf[self.pos..self.checked])
    }

    fn consume(&mut self, amount: usize) {
        self.pos = (self.pos + amount).min(self.checked);
    }
}

impl<R: Read> Read for TextReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: Limit = Limit {
        bytes: 1 << 20,
        note: ", the limit",
    };

    fn read(bytes: &[u8], limit: Limit) -> Result<String, TextError> {
        let mut text = String::new();
        TextReader::new(bytes, limit)
            .read_to_string(&mut text)
            .map_err(TextError::from_io)?;
        Ok(text)
    }

    fn not_text(line: u64, column: u64, what: &str) -> Result<String, TextError> {
        Err(TextError::NotText {
            line,
            column,
            what: what.to_string(),
        })
    }

    #[test]
    fn passes_text_and_skips_a_utf8_byte_order_mark() {
        assert_eq!(read(b"a: 1\n", LIMIT), Ok("a: 1\n".into()));
        assert_eq!(read("\u{feff}é\n".as_bytes(), LIMIT), Ok("é\n".into()));
        assert_eq!(read(b"", LIMIT), Ok(String::new()));
        assert_eq!(read(b"ab", LIMIT), Ok("ab".into()));
    }

    #[test]
    fn the_first_bad_byte_is_placed_in_characters() {
        let bad = "not UTF-8 text (byte 0xFF): save the file as UTF-8";
        assert_eq!(read(b"ab\nc\xffd", LIMIT), not_text(2, 2, bad));
        assert_eq!(
            read(&["x: é\nyé: \u{1F600}".as_bytes(), b"\xff"].concat(), LIMIT),
            not_text(2, 6, bad)
        );
        // Latin-1 é (0xE9) followed by ASCII: a truncated character, not at the end.
        assert_eq!(
            read(b"name: caf\xe9 bar\n", LIMIT),
            not_text(1, 10, "not UTF-8 text (byte 0xE9): save the file as UTF-8")
        );
        assert_eq!(
            read(b"ab\xc3", LIMIT),
            not_text(
                1,
                3,
                "not UTF-8 text: the file ends inside a character (byte 0xC3)"
            )
        );
        assert_eq!(
            read(b"a\n\0", LIMIT),
            not_text(2, 1, "a NUL byte: this is not a text file")
        );
    }

    #[test]
    fn characters_split_across_reads_are_whole() {
        // A reader that hands out one byte at a time.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(out.len()).min(1);
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let text = "é\u{1F600}ab\nc€";
        let mut out = String::new();
        TextReader::new(Trickle(text.as_bytes()), LIMIT)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
        let mut out = String::new();
        let err = TextReader::new(
            Trickle(&["ab\n€\u{1F600}".as_bytes(), b"\xff"].concat()),
            LIMIT,
        )
        .read_to_string(&mut out)
        .unwrap_err();
        assert_eq!(
            TextError::from_io(err),
            TextError::NotText {
                line: 2,
                column: 3,
                what: "not UTF-8 text (byte 0xFF): save the file as UTF-8".into()
            }
        );
    }

    #[test]
    fn utf16_and_utf32_are_named() {
        let cases: [(&[u8], &str, &str); 6] = [
            (
                b"\xff\xfea\0:\0",
                "is UTF-16 (little-endian, byte order mark FF FE)",
                "UTF-16",
            ),
            (
                b"\xfe\xff\0a\0:",
                "is UTF-16 (big-endian, byte order mark FE FF)",
                "UTF-16",
            ),
            (
                b"a\0:\0 \0",
                "looks like UTF-16 (little-endian: every other byte is NUL)",
                "UTF-16LE",
            ),
            (
                b"\0a\0:",
                "looks like UTF-16 (big-endian: every other byte is NUL)",
                "UTF-16BE",
            ),
            (
                b"\xff\xfe\0\0a\0\0\0",
                "is UTF-32 (little-endian, byte order mark FF FE 00 00)",
                "UTF-32",
            ),
            (
                b"\0\0\xfe\xff\0\0\0a",
                "is UTF-32 (big-endian, byte order mark 00 00 FE FF)",
                "UTF-32",
            ),
        ];
        for (bytes, found, encoding) in cases {
            assert_eq!(
                read(bytes, LIMIT),
                not_text(1, 1, &format!("the file {found}; slogate reads UTF-8 text: convert it, e.g. with iconv -f {encoding} -t UTF-8")),
                "{bytes:?}"
            );
        }
        // Zeros are not UTF-16: a NUL.
        assert_eq!(
            read(&[0; 100], LIMIT),
            not_text(1, 1, "a NUL byte: this is not a text file")
        );
    }

    #[test]
    fn the_limit_is_exact_and_read_past_by_one_byte_at_most() {
        let limit = Limit {
            bytes: 10,
            note: " (the limit)",
        };
        assert_eq!(read(b"0123456789", limit), Ok("0123456789".into()));
        let err = read(b"0123456789a", limit).unwrap_err();
        assert_eq!(
            err.render("p.yaml", "error: "),
            "p.yaml: error: larger than 10 bytes (the limit)"
        );
        // An endless source ends at the limit.
        let mut text = String::new();
        let mut endless = TextReader::new(io::repeat(b' '), limit);
        assert!(endless.read_to_string(&mut text).is_err());
        assert_eq!(endless.taken, 11);
        // No limit is no overflow.
        let unlimited = Limit {
            bytes: u64::MAX,
            note: "",
        };
        assert_eq!(read(b"abc", unlimited), Ok("abc".into()));
    }

    #[test]
    fn sizes_and_counts_read_as_people_write_them() {
        assert_eq!(bytes(1 << 20), "1 MiB");
        assert_eq!(bytes(3 << 30), "3 GiB");
        assert_eq!(bytes(1500), "1,500 bytes");
        assert_eq!(bytes(1536), "1,536 bytes");
        assert_eq!(bytes(2048), "2 KiB");
        assert_eq!(thousands(50_000_000), "50,000,000");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
    }
}
