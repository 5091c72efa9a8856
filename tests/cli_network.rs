//! `slogate eval --prometheus` against small servers on 127.0.0.1 that
//! misbehave on purpose: one deadline for all of an evaluation's requests
//! (`--timeout`), a request count known and capped before the first is sent
//! (`--max-requests`), one connection for all the requests, credentials in
//! the URL that never reach a message, headers and a bearer token sent with
//! every request (and never shown), a response cut off, a result of the
//! wrong type, and a server that stops between two requests.

mod test_server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use test_server::{one_sample_at_end, Reply, Server};

const AT: &str = "2026-03-02T12:00:00Z";

/// Two series from Prometheus over a rolling `window`.
fn policy(window: &str) -> String {
    format!(
        r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {{name: net}}
spec:
  slos:
    - name: availability
      objective: 99%
      window: {{rolling: {window}}}
      sli:
        ratio:
          good: {{name: good, query: 'sum(rate(ok[1m]))'}}
          total: {{name: total, query: 'sum(rate(all[1m]))'}}
"#
    )
}

/// A scratch directory holding `policy.yaml`, removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(name: &str, policy: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("slogate-net-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("policy.yaml"), policy).unwrap();
    Scratch(dir)
}

/// `slogate eval policy.yaml --at AT --prometheus URL EXTRA…`
fn eval(dir: &Path, url: &str, extra: &[&str]) -> Output {
    eval_with_token(dir, url, extra, None)
}

/// `eval`, with `SLOGATE_PROMETHEUS_TOKEN` set to `token` (unset by default).
fn eval_with_token(dir: &Path, url: &str, extra: &[&str], token: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_slogate"));
    command
        .current_dir(dir)
        .args(["eval", "policy.yaml", "--at", AT, "--prometheus", url])
        .args(extra)
        .env("NO_COLOR", "1")
        .env_remove("SLOGATE_PROMETHEUS_TOKEN");
    if let Some(token) = token {
        command.env("SLOGATE_PROMETHEUS_TOKEN", token);
    }
    command.output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn healthy_prometheus() -> Server {
    Server::start(|r| Reply::Full("200 OK", one_sample_at_end(r, 10.0)))
}

#[test]
fn a_server_that_drips_its_answer_is_cut_off_at_the_deadline() {
    let dir = scratch("drip", &policy("1d"));
    // Dripping the body, then dripping the status line itself: both are cut
    // off by the one deadline, and the second series is not even asked for.
    for head in [false, true] {
        let server = Server::start(move |_| Reply::Drip { head, seconds: 40 });
        let started = Instant::now();
        let o = eval(&dir.0, &server.url, &["--timeout", "2s"]);
        let took = started.elapsed();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{err}");
        let url = format!("{}/api/v1/query_range?query=", server.url);
        let why = "no answer in time: all of Prometheus' answers must arrive within --timeout 2s (raise it, or ask for less: a coarser --step)";
        assert!(
            lines[0].starts_with(&format!(
                "error: series \"good\" (spec.slos[0].sli.ratio.good): {url}sum%28rate%28ok"
            )) && lines[0].ends_with(&format!(": {why}")),
            "{err}"
        );
        assert!(
            lines[1].starts_with(&format!(
                "error: series \"total\" (spec.slos[0].sli.ratio.total): {url}sum%28rate%28all"
            )) && lines[1].ends_with(&format!(": not sent: {why}")),
            "{err}"
        );
        assert_eq!(server.requests().len(), 1);
        // The drip would last 40 s; the deadline is 2 s for everything.
        assert!(took < Duration::from_secs(20), "took {took:?}");
    }
}

#[test]
fn a_step_too_fine_is_refused_before_any_request() {
    let dir = scratch("step", &policy("1d"));
    let server = healthy_prometheus();
    let o = eval(&dir.0, &server.url, &["--step", "1ms"]);
    assert_eq!(o.status.code(), Some(1));
    // The data plan of a rolling 1d window: its burn-down reads back 1d,
    // each point's 3d burn rate 3d more, and a margin of three steps; at
    // 1ms that is 345,600,004 steps a series, 31,419 requests of 11,000.
    assert_eq!(
        stderr(&o),
        "error: fetching 2 series from Prometheus over 4d3ms at --step 1ms would take 62838 requests (at most 11000 steps a request), more than --max-requests 1000: use --step 1s or coarser, or raise --max-requests\n"
    );
    assert_eq!((server.connections(), server.requests().len()), (0, 0));
    // The step it suggests fits: 4d and 3s at 1s, 32 requests a series.
    let o = eval(&dir.0, &server.url, &["--step", "1s"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(server.requests().len(), 64);
}

#[test]
fn a_400_year_window_is_refused_with_the_step_that_fits() {
    let dir = scratch("years", &policy("146097d"));
    let server = healthy_prometheus();
    let o = eval(&dir.0, &server.url, &[]);
    assert_eq!(o.status.code(), Some(1));
    // The planned range of a rolling window of D is 2D and a margin, here
    // at the plan's own step (the shortest reported burn rate).
    assert_eq!(
        stderr(&o),
        "error: fetching 2 series from Prometheus over 292194d15m at the policy's step 5m would take 15302 requests (at most 11000 steps a request), more than --max-requests 1000: use --step 1h16m31s or coarser, or raise --max-requests\n"
    );
    assert_eq!((server.connections(), server.requests().len()), (0, 0));
    let o = eval(&dir.0, &server.url, &["--step", "1h16m31s"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(server.requests().len() <= 1000);
}

#[test]
fn the_request_cap_is_exact_and_one_connection_serves_all_requests() {
    // The plan of a rolling 30d window: 60 days and 3 steps at 1m, 86,404
    // steps, 8 requests a series.
    let dir = scratch("reuse", &policy("30d"));
    let server = healthy_prometheus();
    let o = eval(
        &dir.0,
        &server.url,
        &["--step", "1m", "--max-requests", "15"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(" would take 16 requests (at most 11000 steps a request), more than --max-requests 15: use --step 1m8s or coarser, or raise --max-requests\n"),
        "{}",
        stderr(&o)
    );
    assert_eq!(server.requests().len(), 0);
    let o = eval(
        &dir.0,
        &server.url,
        &["--step", "1m", "--max-requests", "16", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("\"policy\": \"net\","));
    let requests = server.requests();
    assert_eq!(requests.len(), 16);
    assert!(requests[0]
        .line
        .contains("query=sum%28rate%28ok%5B1m%5D%29%29&"));
    assert!(requests[15]
        .line
        .contains("query=sum%28rate%28all%5B1m%5D%29%29&"));
    assert_eq!(
        server.connections(),
        1,
        "one kept-alive connection for all requests"
    );
}

#[test]
fn credentials_in_the_url_are_sent_but_never_shown() {
    let dir = scratch("secret", &policy("1d"));
    let with_secret = |url: &str| url.replace("http://", "http://me:hunter2@");
    let redacted = |url: &str| url.replace("http://", "http://me:xxxxx@");
    let mut everything = String::new();

    // An error status with a plain body: the message names the URL.
    let failing = Server::start(|_| Reply::Full("502 Bad Gateway", "upstream down".into()));
    let o = eval(&dir.0, &with_secret(&failing.url), &[]);
    let err = stderr(&o);
    everything.push_str(&err);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.starts_with(&format!(
            "error: series \"good\" (spec.slos[0].sli.ratio.good): {}/api/v1/query_range?query=",
            redacted(&failing.url)
        )) && err.contains(": HTTP 502 Bad Gateway: upstream down\n"),
        "{err}"
    );
    // The credentials went to the server as basic authentication.
    assert_eq!(
        failing.requests()[0].authorization.as_deref(),
        Some("Basic bWU6aHVudGVyMg==")
    );

    // A query that matches nothing.
    let empty = Server::start(|_| {
        Reply::Full(
            "200 OK",
            r#"{"status":"success","data":{"resultType":"matrix","result":[]}}"#.into(),
        )
    });
    let o = eval(&dir.0, &with_secret(&empty.url), &[]);
    let err = stderr(&o);
    everything.push_str(&err);
    assert!(
        err.contains(&format!(
            "Prometheus at {} has no data",
            redacted(&empty.url)
        )),
        "{err}"
    );

    // Nobody listening: the connection error (ureq's message).
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let o = eval(&dir.0, &with_secret(&closed), &[]);
    let err = stderr(&o);
    everything.push_str(&err);
    assert!(
        err.starts_with(&format!(
            "error: series \"good\" (spec.slos[0].sli.ratio.good): {}/api/v1/query_range?query=",
            redacted(&closed)
        )),
        "{err}"
    );

    // The deadline.
    let dripping = Server::start(|_| Reply::Drip {
        head: false,
        seconds: 20,
    });
    let o = eval(&dir.0, &with_secret(&dripping.url), &["--timeout", "1s"]);
    let err = stderr(&o);
    everything.push_str(&err);
    assert!(err.contains("no answer in time"), "{err}");
    assert!(err.contains(&redacted(&dripping.url)), "{err}");

    // Not a URL at all: the usage error.
    let o = eval(&dir.0, "me:hunter2@localhost:9090", &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with("slogate: error: --prometheus \"me:xxxxx@localhost:9090\" is not a URL"),
        "{err}"
    );
    everything.push_str(&err);

    assert!(!everything.contains("hunter2"), "{everything}");
}

#[test]
fn headers_and_a_bearer_token_go_with_every_request_and_are_never_shown() {
    let dir = scratch("headers", &policy("1d"));
    // A tenant header and a token from a file (its line break is not part of it).
    std::fs::write(dir.0.join("token"), "s3cr3t-token\n").unwrap();
    let server = healthy_prometheus();
    let o = eval(
        &dir.0,
        &server.url,
        &[
            "--header",
            "X-Scope-OrgID=team-a",
            "--bearer-token-file",
            "token",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let requests = server.requests();
    assert!(requests.len() >= 2);
    for r in &requests {
        assert_eq!(r.header("X-Scope-OrgID"), Some("team-a"));
        assert_eq!(r.authorization.as_deref(), Some("Bearer s3cr3t-token"));
    }

    // From the environment when no file is given.
    let server = healthy_prometheus();
    let o = eval_with_token(&dir.0, &server.url, &[], Some("env-token-123"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        server.requests()[0].authorization.as_deref(),
        Some("Bearer env-token-123")
    );

    // A server that refuses them, echoing what it got: the token is not shown.
    let refusing = Server::start(|r| {
        Reply::Full(
            "401 Unauthorized",
            format!(
                "no org id; got {:?}",
                r.authorization.clone().unwrap_or_default()
            ),
        )
    });
    let o = eval(&dir.0, &refusing.url, &["--bearer-token-file", "token"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.contains(": HTTP 401 Unauthorized: no org id; got \"xxxxx\""),
        "{err}"
    );
    assert!(!err.contains("s3cr3t"), "{err}");

    // A token file that is not there, or empty: named, exit 1, nothing sent.
    let untouched = healthy_prometheus();
    let o = eval(&dir.0, &untouched.url, &["--bearer-token-file", "missing"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("error: --bearer-token-file missing: cannot read: "),
        "{}",
        stderr(&o)
    );
    std::fs::write(dir.0.join("empty"), "\n").unwrap();
    let o = eval(&dir.0, &untouched.url, &["--bearer-token-file", "empty"]);
    assert_eq!(
        stderr(&o),
        "error: --bearer-token-file empty: the bearer token is empty\n"
    );
    assert_eq!(untouched.requests().len(), 0);

    // Usage errors: a bad header, a token given twice.
    for (args, message) in [
        (&["--header", "X-Scope-OrgID"][..], "--header: use NAME=VALUE, e.g. --header X-Scope-OrgID=team-a"),
        (&["--header", "Bad Name=x"][..], "--header \"Bad Name=…\": \"Bad Name\" is not an HTTP header name (letters, digits and -, e.g. X-Scope-OrgID)"),
        (&["--header", "X-A=line\nbreak"][..], "--header X-A: the value must be printable ASCII (no line breaks or control characters), and not empty"),
        (
            &["--header", "Authorization=Bearer x", "--bearer-token-file", "token"][..],
            "--bearer-token-file and --header Authorization=… both set the Authorization header: give one",
        ),
    ] {
        let o = eval(&dir.0, &untouched.url, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).starts_with(&format!("slogate: error: {message}\n")), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn a_response_cut_off_a_wrong_result_type_and_a_server_that_stops_are_named() {
    let dir = scratch("broken", &policy("1d"));
    let o = eval(
        &dir.0,
        &Server::start(|_| Reply::Cut(r#"{"status":"success","data":{"resultT"#.into())).url,
        &[],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.contains("/api/v1/query_range?query=")
            && err.contains(
                ": reading the response: the connection closed before the whole answer arrived"
            ),
        "{err}"
    );

    let vector = Server::start(|_| {
        Reply::Full(
            "200 OK",
            r#"{"status":"success","data":{"resultType":"vector","result":[]}}"#.into(),
        )
    });
    let err = stderr(&eval(&dir.0, &vector.url, &[]));
    assert!(
        err.contains("data.resultType: is \"vector\"; slogate needs a range query's \"matrix\" (use /api/v1/query_range)"),
        "{err}"
    );

    // The first series is answered, then the server stops: the second is
    // named with the failure, the first is not blamed.
    let stopping = Server::start(|r| {
        if r.line.contains("query=sum%28rate%28ok") {
            Reply::Full("200 OK", one_sample_at_end(r, 10.0))
        } else {
            Reply::Stop
        }
    });
    let o = eval(&dir.0, &stopping.url, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(!err.contains("series \"good\""), "{err}");
    assert!(
        err.starts_with("error: series \"total\" (spec.slos[0].sli.ratio.total): "),
        "{err}"
    );
    assert!(
        err.contains(": the connection closed before the whole answer arrived: the server stopped, or a proxy cut the response off"),
        "{err}"
    );
}
