//! `dangan serve`: the archiving interface (归档接口) other systems call over HTTP. A calling
//! system has an account of its own and a token; each call runs as that account's session, is
//! audited whatever its answer, and is answered in JSON (Chinese messages when the caller asks
//! for them with Accept-Language). The interface is described in `docs/openapi.json`, served at
//! `/openapi.json`. Plain HTTP: TLS belongs to a reverse proxy in front (see the README).

mod oai;
mod routes;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::archive::systems::Caller;
use crate::archive::{Archive, Session};
use crate::error::{Error, Kind, Result};
use crate::i18n::{AccountMsg, Lang, Msg, ReceiveMsg};

/// Archives kept open between calls; more are opened when more calls run at once.
const KEPT_OPEN: usize = 4;
/// Uploads taken at once: each may fill `receive.max_mb` of scratch space.
const UPLOADS_AT_ONCE: usize = 4;
/// Threads doing archive work at once: every upload, and two for the quick calls beside them.
/// Each thread keeps memory of its own for reuse: with tokio's default (up to 512) the service
/// peaked at 214–242 MB under `benches/serve`, with this at 162–163 MB, and faster.
const BLOCKING_THREADS: usize = UPLOADS_AT_ONCE + 2;

pub struct Options {
    pub listen: SocketAddr,
    pub dir: PathBuf,
    pub lang: Lang,
    /// The account anonymous OAI-PMH harvests run as, if any may.
    pub harvest_as: Option<String>,
    /// The address harvesters reach /oai at, as Identify gives it [default: from `listen`].
    pub base_url: Option<String>,
}

/// What every call shares: the archive's directory, archives open and idle, and the uploads
/// under way.
struct Shared {
    dir: PathBuf,
    harvest_as: Option<String>,
    base_url: String,
    idle: Mutex<Vec<Archive>>,
    uploads: tokio::sync::Semaphore,
}

impl Shared {
    /// Runs `work` on an archive of the pool (opening one if none is idle).
    fn with<T>(&self, work: impl FnOnce(&mut Archive) -> T) -> Result<T> {
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut archive = match idle {
            Some(archive) => archive,
            None => Archive::open(&self.dir)?,
        };
        let done = work(&mut archive);
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < KEPT_OPEN
        {
            idle.push(archive);
        }
        Ok(done)
    }
}

/// Serves until SIGTERM or Ctrl-C.
pub fn run(options: Options) -> Result<()> {
    // Opened once first: a missing or newer archive is said before anything listens.
    let archive = Archive::open(&options.dir)?;
    // So is an anonymous harvest account that could show more than public records.
    if let Some(name) = &options.harvest_as {
        archive.harvest_session(name)?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(BLOCKING_THREADS)
        .enable_all()
        .build()
        .map_err(|e| Error::Internal(e.to_string()))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.listen)
            .await
            .map_err(|e| Error::io(options.listen.to_string(), e))?;
        let address = listener
            .local_addr()
            .map_err(|e| Error::io(options.listen.to_string(), e))?;
        let base_url = options
            .base_url
            .clone()
            .unwrap_or_else(|| format!("http://{address}/oai"));
        let shared = Arc::new(Shared {
            dir: options.dir.clone(),
            harvest_as: options.harvest_as.clone(),
            base_url,
            idle: Mutex::new(vec![archive]),
            uploads: tokio::sync::Semaphore::new(UPLOADS_AT_ONCE),
        });
        let said = ReceiveMsg::ServeListening {
            address: address.to_string(),
        };
        println!("{}", said.text(options.lang));
        axum::serve(listener, routes::router(shared))
            .with_graceful_shutdown(stopped())
            .await
            .map_err(|e| Error::io(address.to_string(), e))
    })
}

async fn stopped() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => return std::future::pending().await,
            };
        tokio::select! {
            _ = interrupt => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}

/// The language the caller reads: Chinese if its Accept-Language asks for it.
fn lang_of(headers: &HeaderMap) -> Lang {
    let asked = headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if asked.trim_start().to_ascii_lowercase().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let token = value.strip_prefix("Bearer ")?.trim();
    (!token.is_empty()).then(|| token.to_string())
}

/// An answer: its status and JSON body.
pub(crate) struct Answer(StatusCode, serde_json::Value);

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        (self.0, axum::Json(self.1)).into_response()
    }
}

/// A message as an answer's body.
fn said(status: StatusCode, kind: &str, message: impl Into<Msg>, lang: Lang) -> Answer {
    let message = message.into().text(lang);
    Answer(status, json!({"error": kind, "message": message}))
}

/// An error as an answer: what the caller may do about it, never the server's paths or internals
/// (those go to the service's log).
fn failed(error: &Error, lang: Lang) -> Answer {
    let (status, kind) = match error.kind() {
        Kind::BadInput => (StatusCode::BAD_REQUEST, "bad_input"),
        Kind::Refused => (StatusCode::FORBIDDEN, "refused"),
        Kind::NotFound => (StatusCode::NOT_FOUND, "not_found"),
        Kind::Conflict => (StatusCode::CONFLICT, "conflict"),
        Kind::Io | Kind::Internal => {
            eprintln!("dangan serve: {error}");
            let status = StatusCode::INTERNAL_SERVER_ERROR;
            return said(status, "internal", ReceiveMsg::ServeInternal, lang);
        }
    };
    Answer(status, json!({"error": kind, "message": error.text(lang)}))
}

/// The session a call's token names, or the answer refusing it.
fn session_of(archive: &mut Archive, headers: &HeaderMap) -> std::result::Result<Session, Answer> {
    let lang = lang_of(headers);
    let unauthorized = StatusCode::UNAUTHORIZED;
    let Some(token) = bearer(headers) else {
        return Err(said(
            unauthorized,
            "no_token",
            ReceiveMsg::ServeNoToken,
            lang,
        ));
    };
    archive
        .token_session(&token)
        .map_err(|_| said(unauthorized, "bad_token", AccountMsg::BadLogin, lang))
}

/// Runs one call on the pool: its session from the token, the work, and its audit entry.
async fn call(
    shared: Arc<Shared>,
    headers: HeaderMap,
    method: &'static str,
    path: String,
    work: impl FnOnce(&mut Archive, &Session, Lang) -> Result<Answer> + Send + 'static,
) -> Answer {
    let lang = lang_of(&headers);
    let ran = blocking(&shared, move |archive| {
        let (answer, caller_name) = match session_of(archive, &headers) {
            Err(answer) => (answer, None),
            Ok(session) => {
                let answer = work(archive, &session, lang).unwrap_or_else(|e| failed(&e, lang));
                (answer, Some(session))
            }
        };
        let caller = caller_name.as_ref().map_or(Caller::Unknown, Caller::Known);
        archive.note_call(caller, method, &path, answer.0.as_u16())?;
        Ok(answer)
    })
    .await;
    match ran {
        Ok(Ok(answer)) => answer,
        Ok(Err(e)) | Err(e) => failed(&e, lang),
    }
}

/// Runs blocking archive work on the pool, off the async threads.
async fn blocking<T: Send + 'static>(
    shared: &Arc<Shared>,
    work: impl FnOnce(&mut Archive) -> T + Send + 'static,
) -> Result<T> {
    let shared = shared.clone();
    tokio::task::spawn_blocking(move || shared.with(work))
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
}
