//! A tiny HTTP/1.1 server on 127.0.0.1 standing in for Prometheus in CLI
//! tests: it answers each request as the test says (a whole response, kept
//! alive, or one dripped a byte a second), and counts connections and
//! requests. Every loop is bounded: the server stops when dropped, or after
//! two minutes, and a connection's thread ends on EOF, on a 10-second
//! silence or after its reply's bounded drip.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How to answer one request.
pub enum Reply {
    /// `HTTP/1.1 {status}` with `body`, the connection kept alive.
    Full(&'static str, String),
    /// A 200 whose body (or, with `head`, the status line itself) comes one
    /// byte a second, for at most `seconds`; then the connection closes.
    Drip { head: bool, seconds: u64 },
    /// A 200 announcing `body`'s length and more, sending `body`, then
    /// closing: a response cut off (a proxy's time-out, a crash).
    Cut(String),
    /// No answer: the server stops, as a crashed one does. This connection
    /// closes and no new connection is accepted.
    Stop,
}

/// What the server saw of one request.
#[derive(Clone, Debug)]
pub struct Request {
    /// `GET /api/v1/query_range?… HTTP/1.1`
    pub line: String,
    /// The `Authorization` header, if any.
    pub authorization: Option<String>,
    /// Every header, names as sent.
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The value of header `name` (any case), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub struct Server {
    /// `http://127.0.0.1:PORT`
    pub url: String,
    connections: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

type Answer = dyn Fn(&Request) -> Reply + Send + Sync;

impl Server {
    /// Listens on a free loopback port; `answer` decides each reply.
    pub fn start(answer: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let answer: Arc<Answer> = Arc::new(answer);
        let accept = {
            let (connections, requests, stop) =
                (connections.clone(), requests.clone(), stop.clone());
            std::thread::spawn(move || {
                let started = Instant::now();
                while !stop.load(Ordering::SeqCst) && started.elapsed() < Duration::from_secs(120) {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            connections.fetch_add(1, Ordering::SeqCst);
                            let (requests, answer, stop) =
                                (requests.clone(), answer.clone(), stop.clone());
                            std::thread::spawn(move || serve(stream, &requests, &*answer, &stop));
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(5)),
                    }
                }
            })
        };
        Server {
            url,
            connections,
            requests,
            stop,
            accept: Some(accept),
        }
    }

    /// TCP connections accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// Requests received so far, in order.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

/// Answers the requests of one connection, at most 10,000 of them.
fn serve(stream: TcpStream, requests: &Mutex<Vec<Request>>, answer: &Answer, stop: &AtomicBool) {
    stream.set_nonblocking(false).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut reader = BufReader::new(stream);
    for _ in 0..10_000 {
        let Some(request) = read_request(&mut reader) else {
            return;
        };
        requests.lock().unwrap().push(request.clone());
        let stream = reader.get_mut();
        match answer(&request) {
            Reply::Full(status, body) => {
                let reply = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                );
                if stream.write_all(reply.as_bytes()).is_err() {
                    return;
                }
            }
            Reply::Cut(body) => {
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len() + 1000
                );
                let _ = stream.write_all(reply.as_bytes());
                let _ = stream.flush();
                return;
            }
            Reply::Stop => {
                stop.store(true, Ordering::SeqCst);
                let _ = stream.shutdown(std::net::Shutdown::Both);
                return;
            }
            Reply::Drip { head, seconds } => {
                let head_text = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
                let (at_once, dripped) = if head {
                    ("", head_text.to_string())
                } else {
                    (head_text, " ".repeat(100_000))
                };
                let _ = stream.write_all(at_once.as_bytes());
                for byte in dripped.as_bytes().iter().take(seconds as usize) {
                    // Fails once the client has given up and closed.
                    if stream.write_all(&[*byte]).is_err() || stream.flush().is_err() {
                        return;
                    }
                    std::thread::sleep(Duration::from_secs(1));
                }
                return;
            }
        }
    }
}

/// The request line and its headers; `None` at EOF or on error.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut authorization = None;
    let mut headers = Vec::new();
    for _ in 0..100 {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? <= 2 {
            return Some(Request {
                line: line.trim().to_string(),
                authorization,
                headers,
            });
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("authorization") {
                authorization = Some(value.trim().to_string());
            }
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    None
}

/// A `query_range` success with one series and one sample at the request's
/// `end` (so chunks stitch into increasing times), value `value`.
pub fn one_sample_at_end(request: &Request, value: f64) -> String {
    let end = request
        .line
        .split(['?', '&', ' '])
        .find_map(|p| p.strip_prefix("end="))
        .unwrap_or("0");
    format!(
        r#"{{"status":"success","data":{{"resultType":"matrix","result":[{{"metric":{{}},"values":[[{end},"{value}"]]}}]}}}}"#
    )
}
