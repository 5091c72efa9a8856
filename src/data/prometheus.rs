//! A minimal Prometheus HTTP API client: `GET /api/v1/query_range`.
//!
//! Prometheus refuses a range query of more than 11,000 points per series,
//! so long ranges are asked for in chunks and stitched back together, per
//! label set. Every request has a 30-second timeout.

use std::time::Duration;

use super::prometheus_json::parse_query_range;
use crate::series::Series;
use crate::time::{Instant, Millis};

/// Prometheus' limit on points per series in one range query.
const MAX_POINTS: i64 = 11_000;

/// Per request, connect to last byte.
const TIMEOUT: Duration = Duration::from_secs(30);

/// Runs `query` over `[start_ms, end_ms]` every `step_ms` against the
/// Prometheus at `base_url` (e.g. `http://localhost:9090`, or with a path
/// prefix). Every series is named after the query (callers rename it to the
/// policy's reference) and has `step` = `step_ms`.
///
/// Errors name the URL and carry Prometheus' own message.
pub fn query_range(
    base_url: &str,
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
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        // Prometheus explains 4xx/5xx in a JSON body: read it, do not just fail.
        .http_status_as_error(false)
        .build()
        .into();
    let mut merged: Vec<Series> = Vec::new();
    for (start, end) in chunks(start_ms, end_ms, step_ms) {
        let url = query_url(base_url, query, start, end, step_ms);
        for series in fetch(&agent, &url, query)? {
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

fn fetch(agent: &ureq::Agent, url: &str, query: &str) -> Result<Vec<Series>, String> {
    let mut response = agent
        .get(url)
        .header("Accept", "application/json")
        .call()
        .map_err(|e| format!("{url}: {e}"))?;
    let status = response.status();
    let body = response
        .body_mut()
        .with_config()
        // The default 10 MB is too little for 11,000 points of many series.
        .limit(1 << 30)
        .read_to_string()
        .map_err(|e| format!("{url}: reading the response: {e}"))?;
    match parse_query_range(&body, url, query) {
        Ok(series) if status.is_success() => Ok(series),
        // A Prometheus error body says more than the status line.
        Err(e) if e.contains("Prometheus error") => Err(e),
        Ok(_) | Err(_) if !status.is_success() => {
            let excerpt: String = body.chars().take(200).collect();
            Err(format!("{url}: HTTP {status}: {}", excerpt.trim()))
        }
        Ok(series) => Ok(series),
        Err(e) => Err(e),
    }
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
    fn bad_arguments_and_unreachable_servers_are_errors() {
        assert!(query_range("http://127.0.0.1:9", "up", 0, 1000, 0).is_err());
        assert!(query_range("http://127.0.0.1:9", "up", 1000, 0, 1000).is_err());
        // Port 9 (discard) is closed on test machines: a connection error naming the URL.
        let err = query_range("http://127.0.0.1:9", "up", 0, 60_000, 60_000).unwrap_err();
        assert!(
            err.starts_with(
                "http://127.0.0.1:9/api/v1/query_range?query=up&start=0&end=60&step=60: "
            ),
            "{err}"
        );
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
        let series = query_range(&base, "up", 0, 15_000 * step, step).unwrap();
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
        let err = query_range(&base, "up{", 0, 60_000, 60_000).unwrap_err();
        server.join().unwrap();
        assert_eq!(
            err,
            format!("{base}/api/v1/query_range?query=up%7B&start=0&end=60&step=60: Prometheus error (bad_data): invalid parameter \"query\": 1:4: parse error")
        );
        let (base, server) = serve("502 Bad Gateway", "upstream down", 1);
        let err = query_range(&base, "up", 0, 60_000, 60_000).unwrap_err();
        server.join().unwrap();
        assert!(
            err.ends_with(": HTTP 502 Bad Gateway: upstream down"),
            "{err}"
        );
    }
}
