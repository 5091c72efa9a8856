//! A minimal Prometheus HTTP API client: `GET /api/v1/query_range`.
//!
//! Prometheus refuses a range query of more than 11,000 points per series,
//! so long ranges are asked for in chunks and stitched back together, per
//! label set; [`request_count`] says how many requests a range takes before
//! anything is sent. All the requests of one evaluation go through one
//! [`Client`]: one connection pool (a kept-alive connection is reused) and
//! one deadline, whose remaining time bounds every request from connecting
//! to the last byte of its body.
//!
//! Credentials in the URL (`http://user:secret@host:9090`) are sent as basic
//! authentication and never shown: messages name the URL as [`redact`]
//! writes it, `http://user:xxxxx@host:9090`.

use std::time::Duration;

use super::prometheus_json::parse_query_range;
use crate::series::Series;
use crate::time::{format_duration, Instant, Millis};

/// Prometheus' limit on points per series in one range query.
pub const MAX_POINTS: i64 = 11_000;

/// One evaluation's connection to a Prometheus server.
pub struct Client {
    agent: ureq::Agent,
    base_url: String,
    /// `base_url` as messages show it ([`redact`]).
    shown_url: String,
    /// `None` when the timeout reaches beyond what the clock can represent.
    deadline: Option<std::time::Instant>,
    timeout: Duration,
    /// Sent with every request (`--header`, the bearer token); never shown.
    headers: Vec<(String, String)>,
}

impl Client {
    /// A client of the Prometheus at `base_url` (e.g.
    /// `http://localhost:9090`, or with a path prefix) whose requests must
    /// all be answered within `timeout` from now.
    pub fn new(base_url: &str, timeout: Duration) -> Client {
        let agent = ureq::Agent::config_builder()
            // Prometheus explains 4xx/5xx in a JSON body: read it, do not just fail.
            .http_status_as_error(false)
            .build()
            .into();
        Client {
            agent,
            base_url: base_url.to_string(),
            shown_url: redact(base_url),
            deadline: std::time::Instant::now().checked_add(timeout),
            timeout,
            headers: Vec::new(),
        }
    }

    /// The same client, sending `headers` with every request: a tenant
    /// (`X-Scope-OrgID` for Mimir, Cortex and Thanos' receive), or
    /// `Authorization: Bearer …`. Their values are never shown: a token
    /// must not reach a terminal or a CI log through an error message.
    /// Names and values must be valid HTTP (the CLI checks them first).
    pub fn with_headers(mut self, headers: Vec<(String, String)>) -> Client {
        self.headers = headers;
        self
    }

    /// The server's URL, credentials redacted, for messages.
    pub fn shown_url(&self) -> &str {
        &self.shown_url
    }

    /// Runs `query` over `[start_ms, end_ms]` every `step_ms`. Every series
    /// is named after the query (callers rename it to the policy's
    /// reference) and has `step` = `step_ms`.
    ///
    /// Errors name the URL (redacted) and carry Prometheus' own message.
    pub fn query_range(
        &self,
        query: &str,
        start_ms: Instant,
        end_ms: Instant,
        step_ms: Millis,
    ) -> Result<Vec<Series>, String> {
        if step_ms <= 0 {
            return Err(format!(
                "query_range step must be positive, not {step_ms} ms"
            ));
        }
        if end_ms < start_ms {
            return Err("query_range: the end is before the start".to_string());
        }
        let mut merged: Vec<Series> = Vec::new();
        for (start, end) in chunks(start_ms, end_ms, step_ms) {
            let url = query_url(&self.base_url, query, start, end, step_ms);
            for series in self.fetch(&url, query)? {
                match merged.iter_mut().find(|m| m.labels == series.labels) {
                    Some(m) => {
                        m.times.extend(series.times);
                        m.values.extend(series.values);
                    }
                    None => merged.push(Series {
                        step: Some(step_ms),
                        ..series
                    }),
                }
            }
        }
        Ok(merged)
    }

    /// GET `url` within what is left of the deadline.
    fn get(&self, url: &str, shown: &str) -> Result<ureq::http::Response<ureq::Body>, String> {
        let remaining = match self.deadline {
            Some(deadline) => {
                let left = deadline.saturating_duration_since(std::time::Instant::now());
                if left.is_zero() {
                    return Err(format!("{shown}: not sent: {}", self.deadline_passed()));
                }
                Some(left)
            }
            None => None,
        };
        let mut request = self
            .agent
            .get(url)
            .config()
            // From the call to the last byte of the body: a server that
            // drips its answer is cut off at the deadline.
            .timeout_global(remaining)
            .build()
            .header("Accept", "application/json");
        for (name, value) in &self.headers {
            request = request.header(name.as_str(), value.as_str());
        }
        request
            .call()
            .map_err(|e| format!("{shown}: {}", self.failure(&e, url, shown)))
    }

    /// Why a request or its body failed: the deadline when it has passed,
    /// else ureq's message without credentials (it may echo the URL).
    fn failure(&self, e: &ureq::Error, url: &str, shown: &str) -> String {
        if self
            .deadline
            .is_some_and(|d| std::time::Instant::now() >= d)
        {
            return self.deadline_passed();
        }
        let said = self.hide(&redact_userinfo_in(
            &self.base_url,
            &e.to_string().replace(url, shown),
        ));
        match explain(e) {
            Some(why) => format!("{why} ({said})"),
            None => said,
        }
    }

    /// `text` (from ureq or the server) with every header value sent
    /// replaced by `xxxxx`, in case an error or a proxy echoes one.
    fn hide(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (_, value) in &self.headers {
            if value.len() >= 4 {
                out = out.replace(value.as_str(), "xxxxx");
            }
        }
        out
    }

    fn deadline_passed(&self) -> String {
        let timeout = format_duration(self.timeout.as_millis().try_into().unwrap_or(Millis::MAX));
        format!("no answer in time: all of Prometheus' answers must arrive within --timeout {timeout} (raise it, or ask for less: a coarser --step)")
    }

    /// One request: its series, or an error naming the URL (redacted).
    fn fetch(&self, raw_url: &str, query: &str) -> Result<Vec<Series>, String> {
        let shown = redact(raw_url);
        let mut response = self.get(raw_url, &shown)?;
        let url = shown.as_str();
        let status = response.status();
        let body = response
            .body_mut()
            .with_config()
            // The default 10 MB is too little for 11,000 points of many series.
            .limit(1 << 30)
            .read_to_string()
            .map_err(|e| {
                let why = self.failure(&e, raw_url, url);
                format!("{url}: reading the response: {why}")
            })?;
        match parse_query_range(&body, url, query) {
            Ok(series) if status.is_success() => Ok(series),
            // A Prometheus error body says more than the status line.
            Err(e) if e.contains("Prometheus error") => Err(self.hide(&e)),
            Ok(_) | Err(_) if !status.is_success() => {
                let excerpt: String = body.chars().take(200).collect();
                Err(self.hide(&format!("{url}: HTTP {status}: {}", excerpt.trim())))
            }
            Ok(series) => Ok(series),
            Err(e) => Err(self.hide(&e)),
        }
    }
}

/// What a transport error means for someone running `slogate eval`, when
/// ureq's own words (kept beside it) do not say.
fn explain(e: &ureq::Error) -> Option<&'static str> {
    use std::io::ErrorKind;
    match e {
        ureq::Error::Io(io) => Some(match io.kind() {
            ErrorKind::ConnectionRefused => {
                "nothing answers at this address: is Prometheus running, and is the URL's port right?"
            }
            ErrorKind::ConnectionReset
            | ErrorKind::ConnectionAborted
            | ErrorKind::BrokenPipe
            | ErrorKind::UnexpectedEof => {
                "the connection closed before the whole answer arrived: the server stopped, or a proxy cut the response off"
            }
            _ => return None,
        }),
        ureq::Error::HostNotFound => Some("the host name does not resolve: check the URL"),
        ureq::Error::ConnectionFailed => {
            Some("could not connect: is Prometheus running, and is the URL's host and port right?")
        }
        ureq::Error::Protocol(_) => Some("the answer is not HTTP, or is cut off: is this Prometheus' address?"),
        _ => None,
    }
}

/// How many requests [`Client::query_range`] sends for `[start, end]` every
/// `step` (> 0): one per [`MAX_POINTS`] evaluation instants, as `chunks`
/// cuts them. Computed, not counted: a range of billions of steps answers at
/// once.
pub fn request_count(start: Instant, end: Instant, step: Millis) -> u64 {
    if end < start || step <= 0 {
        return 0;
    }
    let points = (i128::from(end) - i128::from(start)) / i128::from(step) + 1;
    let requests = (points + i128::from(MAX_POINTS) - 1) / i128::from(MAX_POINTS);
    u64::try_from(requests).unwrap_or(u64::MAX)
}

/// `url` with the password of its userinfo replaced by `xxxxx`, as Go's
/// `url.URL.Redacted` (and so Prometheus' own tools) write it:
/// `http://user:xxxxx@host:9090/`. A userinfo without a password is often
/// a token: it is replaced whole, `http://xxxxx@host/`. Works on text that
/// is not quite a URL too (`user:secret@host:9090`).
pub fn redact(url: &str) -> String {
    match userinfo(url) {
        Some(range) => format!(
            "{}{}{}",
            &url[..range.start],
            redacted(&url[range.clone()]),
            &url[range.end..]
        ),
        None => url.to_string(),
    }
}

/// `text` with every occurrence of `url`'s `userinfo@` redacted.
fn redact_userinfo_in(url: &str, text: &str) -> String {
    match userinfo(url) {
        Some(range) => {
            let info = &url[range];
            text.replace(&format!("{info}@"), &format!("{}@", redacted(info)))
        }
        None => text.to_string(),
    }
}

/// Where the `user:password` before the `@` of `url`'s authority is.
fn userinfo(url: &str) -> Option<std::ops::Range<usize>> {
    let start = url.find("://").map_or(0, |i| i + 3);
    let authority = url[start..].split(['/', '?', '#']).next()?;
    authority.rfind('@').map(|at| start..start + at)
}

fn redacted(userinfo: &str) -> String {
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{user}:xxxxx"),
        None => "xxxxx".to_string(),
    }
}

/// `[start, end]` cut into ranges of at most [`MAX_POINTS`] evaluation
/// instants each; consecutive ranges are one step apart, so no instant is
/// asked for twice.
fn chunks(start: Instant, end: Instant, step: Millis) -> Vec<(Instant, Instant)> {
    let span = (MAX_POINTS - 1).saturating_mul(step);
    let mut out = Vec::new();
    let mut s = start;
    while s <= end {
        let e = s.saturating_add(span).min(end);
        out.push((s, e));
        match e.checked_add(step) {
            Some(next) => s = next,
            None => break,
        }
    }
    out
}

fn query_url(base: &str, query: &str, start: Instant, end: Instant, step: Millis) -> String {
    format!(
        "{}/api/v1/query_range?query={}&start={}&end={}&step={}",
        base.trim_end_matches('/'),
        encode(query),
        seconds(start),
        seconds(end),
        seconds(step)
    )
}

/// Milliseconds as decimal seconds: `1700000000.123`, `60`.
fn seconds(ms: i64) -> String {
    let (s, frac) = (ms.div_euclid(1000), ms.rem_euclid(1000));
    if frac == 0 {
        s.to_string()
    } else {
        format!("{s}.{frac:03}")
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_encoded_with_seconds() {
        assert_eq!(
            query_url("http://p:9090/", "sum(rate(x{a=\"b c\"}[5m]))", 1_700_000_000_123, 1_700_000_060_000, 60_000),
            "http://p:9090/api/v1/query_range?query=sum%28rate%28x%7Ba%3D%22b%20c%22%7D%5B5m%5D%29%29&start=1700000000.123&end=1700000060&step=60"
        );
        assert_eq!(seconds(-1), "-1.999");
        assert_eq!(encode("é+&"), "%C3%A9%2B%26");
    }

    #[test]
    fn chunks_respect_the_point_limit() {
        let step = 60_000;
        assert_eq!(chunks(0, 0, step), [(0, 0)]);
        assert_eq!(chunks(0, 10_999 * step, step), [(0, 10_999 * step)]);
        let c = chunks(0, 30_000 * step, step);
        assert_eq!(
            c,
            [
                (0, 10_999 * step),
                (11_000 * step, 21_999 * step),
                (22_000 * step, 30_000 * step)
            ]
        );
        for (s, e) in c {
            assert!((e - s) / step < MAX_POINTS);
        }
    }

    #[test]
    fn request_counts_are_the_chunks() {
        for (start, end, step) in [
            (0, 0, 60_000),
            (0, 10_999 * 60_000, 60_000),
            (0, 11_000 * 60_000, 60_000),
            (0, 30_000 * 60_000, 60_000),
            (-5, 1_234_567, 7),
            (1_700_000_000_000, 1_700_000_000_000 + 86_400_000, 1),
        ] {
            assert_eq!(
                request_count(start, end, step),
                chunks(start, end, step).len() as u64,
                "{start} {end} {step}"
            );
        }
        // 400 years at 1m: 210,384,000 points.
        let years_400 = 146_097 * 86_400_000;
        assert_eq!(request_count(0, years_400, 60_000), 19_126);
        assert_eq!(request_count(i64::MIN, i64::MAX, 1), 1_676_976_733_973_596);
        assert_eq!(request_count(1, 0, 1), 0);
    }

    #[test]
    fn credentials_are_redacted() {
        for (url, want) in [
            (
                "http://user:secret@p:9090/x?y=1",
                "http://user:xxxxx@p:9090/x?y=1",
            ),
            ("https://token@p", "https://xxxxx@p"),
            ("http://p:9090/a@b", "http://p:9090/a@b"),
            ("http://u:p@ss:w@rd@p:9090", "http://u:xxxxx@p:9090"),
            ("user:secret@p:9090", "user:xxxxx@p:9090"),
            ("http://p:9090", "http://p:9090"),
            ("http://http@p", "http://xxxxx@p"),
            ("http://p:9@p@p", "http://p:xxxxx@p"),
        ] {
            assert_eq!(redact(url), want, "{url}");
        }
        assert_eq!(
            redact_userinfo_in("http://u:s3@p", "bad uri: http://u:s3@p/api and u:s3@p"),
            "bad uri: http://u:xxxxx@p/api and u:xxxxx@p"
        );
    }

    #[test]
    fn bad_arguments_and_unreachable_servers_are_errors() {
        let client = Client::new("http://127.0.0.1:9", Duration::from_secs(10));
        assert!(client.query_range("up", 0, 1000, 0).is_err());
        assert!(client.query_range("up", 1000, 0, 1000).is_err());
        // Port 9 (discard) is closed on test machines: a connection error naming the URL.
        let err = client.query_range("up", 0, 60_000, 60_000).unwrap_err();
        assert!(
            err.starts_with(
                "http://127.0.0.1:9/api/v1/query_range?query=up&start=0&end=60&step=60: "
            ),
            "{err}"
        );
        let client = Client::new("http://me:hunter2@127.0.0.1:9", Duration::from_secs(10));
        let err = client.query_range("up", 0, 60_000, 60_000).unwrap_err();
        assert!(
            err.starts_with("http://me:xxxxx@127.0.0.1:9/api/v1/query_range?"),
            "{err}"
        );
        assert!(!err.contains("hunter2"), "{err}");
        // Past the deadline nothing is sent.
        let client = Client::new("http://127.0.0.1:9", Duration::ZERO);
        let err = client.query_range("up", 0, 60_000, 60_000).unwrap_err();
        assert!(err.contains(": not sent: no answer in time: "), "{err}");
    }

    /// A one-shot HTTP server on localhost answering every request with `body`.
    fn serve(
        status: &str,
        body: &'static str,
        requests: usize,
    ) -> (String, std::thread::JoinHandle<Vec<String>>) {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let status = status.to_string();
        let handle = std::thread::spawn(move || {
            let mut seen = Vec::new();
            for _ in 0..requests {
                let (stream, _) = listener.accept().unwrap();
                let mut reader = BufReader::new(stream);
                let mut first = String::new();
                reader.read_line(&mut first).unwrap();
                seen.push(first.trim().to_string());
                let mut line = String::new();
                while reader.read_line(&mut line).unwrap() > 2 {
                    line.clear();
                }
                let mut stream = reader.into_inner();
                let reply = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                stream.write_all(reply.as_bytes()).unwrap();
            }
            seen
        });
        (base, handle)
    }

    #[test]
    fn fetches_chunks_and_merges_by_labels() {
        let body = r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"job":"a"},"values":[[1,"1"]]},{"metric":{"job":"b"},"values":[[1,"2"]]}]}}"#;
        let (base, server) = serve("200 OK", body, 2);
        let step = 1000;
        let client = Client::new(&base, Duration::from_secs(30));
        let series = client.query_range("up", 0, 15_000 * step, step).unwrap();
        let requests = server.join().unwrap();
        assert_eq!(
            requests,
            [
                "GET /api/v1/query_range?query=up&start=0&end=10999&step=1 HTTP/1.1",
                "GET /api/v1/query_range?query=up&start=11000&end=15000&step=1 HTTP/1.1"
            ]
        );
        assert_eq!(series.len(), 2);
        assert_eq!(series[0].values, [1.0, 1.0]);
        assert_eq!(series[1].values, [2.0, 2.0]);
        assert_eq!(series[0].step, Some(step));
        assert_eq!(series[0].name, "up");
    }

    #[test]
    fn prometheus_error_text_is_reported() {
        let body = r#"{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:4: parse error"}"#;
        let (base, server) = serve("400 Bad Request", body, 1);
        let client = Client::new(&base, Duration::from_secs(30));
        let err = client.query_range("up{", 0, 60_000, 60_000).unwrap_err();
        server.join().unwrap();
        assert_eq!(
            err,
            format!("{base}/api/v1/query_range?query=up%7B&start=0&end=60&step=60: Prometheus error (bad_data): invalid parameter \"query\": 1:4: parse error")
        );
        let (base, server) = serve("502 Bad Gateway", "upstream down", 1);
        let client = Client::new(&base, Duration::from_secs(30));
        let err = client.query_range("up", 0, 60_000, 60_000).unwrap_err();
        server.join().unwrap();
        assert!(
            err.ends_with(": HTTP 502 Bad Gateway: upstream down"),
            "{err}"
        );
    }
}
