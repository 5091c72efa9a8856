//! `slogate eval --prometheus` against small servers on 127.0.0.1 that
//! misbehave on purpose: one deadline for all of an evaluation's requests
//! (`--timeout`), a request count known and capped before the first is sent
//! (`--max-requests`), one connection for all the requests, and credentials
//! in the URL that never reach a message.

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
    Command::new(env!("CARGO_BIN_EXE_slogate"))
        .current_dir(dir)
        .args(["eval", "policy.yaml", "--at", AT, "--prometheus", url])
        .args(extra)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
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
