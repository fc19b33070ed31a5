//! The calls of the interface, as `docs/openapi.json` describes them.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::StreamExt;
use serde_json::json;
use tokio::io::AsyncWriteExt;

use super::{Answer, Shared, blocking, call, failed, lang_of, said, session_of};
use crate::archive::Session;
use crate::archive::receive::{ReceiveOutcome, StatsBy, transfer_json};
use crate::archive::systems::Caller;
use crate::domain::{ArchivalCode, Permission};
use crate::error::{Error, Result};
use crate::i18n::{Lang, ReceiveMsg};

/// An upload that sends nothing for this long is dropped, so a stalled client holds no slot.
const IDLE: Duration = Duration::from_secs(30);
/// How long a submission waits for one of the upload slots.
const SLOT_WAIT: Duration = Duration::from_secs(10);
/// The most a search answers with at once.
const MOST_HITS: usize = 100;

const OPENAPI: &str = include_str!("../../docs/openapi.json");

pub(super) fn router(shared: Arc<Shared>) -> axum::Router {
    axum::Router::new()
        .route("/openapi.json", get(openapi))
        .route("/api/v1/transfers", get(transfers).post(submit))
        .route("/api/v1/transfers/{id}", get(transfer))
        .route("/api/v1/records/{code}", get(record))
        .route("/api/v1/search", get(search))
        .route("/api/v1/stats", get(stats))
        .route("/oai", get(super::oai::get).post(super::oai::post))
        .with_state(shared)
}

async fn openapi() -> Response {
    let json = [(axum::http::header::CONTENT_TYPE, "application/json")];
    (json, OPENAPI).into_response()
}

async fn transfers(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Answer {
    let path = "/api/v1/transfers".to_string();
    call(shared, headers, "GET", path, |archive, session, _| {
        let transfers = archive.submitted_transfers(session)?;
        let rows: Vec<_> = transfers.iter().map(transfer_json).collect();
        Ok(Answer(StatusCode::OK, json!({ "transfers": rows })))
    })
    .await
}

async fn transfer(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer {
    let path = format!("/api/v1/transfers/{id}");
    call(shared, headers, "GET", path, move |archive, session, _| {
        // A number that is not one is no transfer of anyone's.
        let id = id.parse::<i64>().unwrap_or(-1);
        let receipt = archive.submitted_receipt(session, id)?;
        Ok(Answer(StatusCode::OK, receipt.json()))
    })
    .await
}

async fn record(
    State(shared): State<Arc<Shared>>,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Answer {
    let path = format!("/api/v1/records/{code}");
    call(shared, headers, "GET", path, move |archive, session, _| {
        // A code that does not parse is a record no one has: the same answer either way.
        let no_such = || Error::NotFound(crate::i18n::Msg::NoSuchRecord { code: code.clone() });
        let parsed: ArchivalCode = code.parse().map_err(|_| no_such())?;
        let record = archive.record(session, &parsed)?;
        Ok(Answer(
            StatusCode::OK,
            crate::archive::export::record_json(&record),
        ))
    })
    .await
}

#[derive(serde::Deserialize)]
struct SearchQuery {
    q: String,
    limit: Option<usize>,
}

async fn search(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<SearchQuery>,
    headers: HeaderMap,
) -> Answer {
    let path = format!("/api/v1/search?q={}", query.q);
    call(shared, headers, "GET", path, move |archive, session, _| {
        let limit = query.limit.unwrap_or(20).clamp(1, MOST_HITS);
        let found = archive.search(session, &query.q, limit)?;
        let hits: Vec<_> = found
            .hits
            .iter()
            .map(|hit| crate::archive::export::record_json(&hit.record))
            .collect();
        Ok(Answer(
            StatusCode::OK,
            json!({"total": found.total, "hits": hits}),
        ))
    })
    .await
}

async fn stats(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Answer {
    let path = "/api/v1/stats".to_string();
    call(shared, headers, "GET", path, |archive, session, _| {
        let mine = archive
            .transfer_stats(session, StatsBy::Account)?
            .into_iter()
            .find(|s| s.source == session.name());
        let figures = match mine {
            Some(s) => json!({"submitted": s.submitted, "accepted": s.accepted,
                              "refused": s.refused, "refused_by": s.refused_by_json()}),
            None => json!({"submitted": 0, "accepted": 0, "refused": 0, "refused_by": {}}),
        };
        Ok(Answer(StatusCode::OK, figures))
    })
    .await
}

#[derive(serde::Deserialize)]
struct SubmitQuery {
    from: String,
    /// The package's file name, as the receipt names it.
    name: Option<String>,
}

/// What a submission knows before its body is read: who sends it, how much may come, where.
struct Admitted {
    session: Session,
    max_bytes: u64,
    folder: crate::archive::receive::Room,
}

/// POST /api/v1/transfers: the caller is known and allowed before a byte of the body is read;
/// the body goes to scratch space under the size limit, then is received whole or not at all.
async fn submit(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<SubmitQuery>,
    headers: HeaderMap,
    body: Body,
) -> Answer {
    let lang = lang_of(&headers);
    let path = "/api/v1/transfers".to_string();
    let declared = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let admit_headers = headers.clone();
    let admitted = blocking(
        &shared,
        move |archive| -> std::result::Result<Admitted, (Answer, Option<Session>)> {
            let session = session_of(archive, &admit_headers).map_err(|a| (a, None))?;
            let refused = |e: Error, session: &Session| (failed(&e, lang), Some(session.clone()));
            session
                .require(Permission::ImportRecords)
                .map_err(|e| refused(e, &session))?;
            let (max_bytes, folder) = archive.upload_room().map_err(|e| refused(e, &session))?;
            Ok(Admitted {
                session,
                max_bytes,
                folder,
            })
        },
    )
    .await;
    let admitted = match admitted {
        Ok(Ok(admitted)) => admitted,
        Ok(Err((answer, session))) => return noted(&shared, session, path, answer).await,
        Err(e) => return failed(&e, lang),
    };
    let session = admitted.session.clone();
    let answer = match receive_upload(&shared, admitted, query, declared, body, lang).await {
        Ok(answer) => answer,
        Err(e) => failed(&e, lang),
    };
    noted(&shared, Some(session), path, answer).await
}

async fn receive_upload(
    shared: &Arc<Shared>,
    admitted: Admitted,
    query: SubmitQuery,
    declared: Option<u64>,
    body: Body,
    lang: Lang,
) -> Result<Answer> {
    let max = admitted.max_bytes;
    let too_large = || {
        said(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            ReceiveMsg::ServeTooLarge { max },
            lang,
        )
    };
    if declared.is_some_and(|d| d > max) {
        return Ok(too_large());
    }
    // A submission waits a while for a slot before it is told to come back later.
    let slot = tokio::time::timeout(SLOT_WAIT, shared.uploads.acquire()).await;
    let Ok(Ok(_permit)) = slot else {
        return Ok(said(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            ReceiveMsg::ServeBusy,
            lang,
        ));
    };
    let name = package_name(query.name.as_deref());
    let file = admitted.folder.path().join(&name);
    let mut out = tokio::fs::File::create(&file)
        .await
        .map_err(|e| Error::io(&file, e))?;
    let mut stream = body.into_data_stream();
    let mut total = 0u64;
    loop {
        let chunk = match tokio::time::timeout(IDLE, stream.next()).await {
            Err(_) => {
                let seconds = IDLE.as_secs();
                let stalled = ReceiveMsg::ServeStalled { seconds };
                return Ok(said(StatusCode::REQUEST_TIMEOUT, "stalled", stalled, lang));
            }
            Ok(None) => break,
            Ok(Some(Err(e))) => {
                let broken = ReceiveMsg::ServeBroken {
                    detail: e.to_string(),
                };
                return Ok(said(StatusCode::BAD_REQUEST, "broken", broken, lang));
            }
            Ok(Some(Ok(chunk))) => chunk,
        };
        total += chunk.len() as u64;
        if total > max {
            return Ok(too_large());
        }
        out.write_all(&chunk)
            .await
            .map_err(|e| Error::io(&file, e))?;
    }
    out.flush().await.map_err(|e| Error::io(&file, e))?;
    drop(out);
    let session = admitted.session;
    let outcome = blocking(shared, move |archive| {
        archive.receive(&session, &file, &query.from)
    })
    .await??;
    // The scratch folder (and the upload in it) goes when `admitted.folder` is dropped here.
    Ok(match outcome {
        ReceiveOutcome::Accepted(receipt) => Answer(StatusCode::CREATED, receipt.json()),
        ReceiveOutcome::Refused(receipt) => {
            Answer(StatusCode::UNPROCESSABLE_ENTITY, receipt.json())
        }
        ReceiveOutcome::Already { message, receipt } => Answer(
            StatusCode::OK,
            json!({"already": message.text(lang), "receipt": receipt.map(|r| r.json())}),
        ),
    })
}

/// A package's name as the caller gave it, if it is a plain file name; else `package.zip`.
fn package_name(given: Option<&str>) -> String {
    given
        .map(str::trim)
        .filter(|n| {
            !n.is_empty()
                && n.chars().count() <= 100
                && !n.contains(['/', '\\'])
                && !n.starts_with('.')
                && crate::domain::record::check_text(n, false).is_ok()
        })
        .map_or_else(|| "package.zip".to_string(), str::to_string)
}

/// Writes a call that ran outside `call` to the audit trail, then answers.
async fn noted(
    shared: &Arc<Shared>,
    session: Option<Session>,
    path: String,
    answer: Answer,
) -> Answer {
    let status = answer.0.as_u16();
    let written = blocking(shared, move |archive| {
        let caller = session.as_ref().map_or(Caller::Unknown, Caller::Known);
        archive.note_call(caller, "POST", &path, status)
    })
    .await;
    match written {
        Ok(Ok(())) => answer,
        Ok(Err(e)) | Err(e) => failed(&e, Lang::En),
    }
}
