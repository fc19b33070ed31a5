//! GET or POST /oai: OAI-PMH 2.0 for harvesters. A harvester with a token runs as its account;
//! one without runs as the account the operator named with `--harvest-as` (cleared to 公开), or
//! is refused when none was named. Every request is audited like any other call.

use std::sync::Arc;

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};

use super::{Answer, Shared, bearer, blocking, failed, lang_of, session_of};
use crate::archive::systems::Caller;
use crate::archive::{Archive, Session};

type Arguments = Vec<(String, String)>;

pub(super) async fn get(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(arguments): Query<Arguments>,
) -> Response {
    answer(shared, headers, "GET", arguments).await
}

pub(super) async fn post(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Form(arguments): Form<Arguments>,
) -> Response {
    answer(shared, headers, "POST", arguments).await
}

/// The harvester's session: the anonymous harvest account's when it gives no token and one is
/// named, else its token's (refused without one, as every call is).
fn harvester(
    shared: &Shared,
    archive: &mut Archive,
    headers: &HeaderMap,
) -> std::result::Result<Session, Answer> {
    match (&shared.harvest_as, bearer(headers)) {
        (Some(name), None) => archive
            .harvest_session(name)
            .map_err(|e| failed(&e, lang_of(headers))),
        _ => session_of(archive, headers),
    }
}

async fn answer(
    shared: Arc<Shared>,
    headers: HeaderMap,
    method: &'static str,
    arguments: Arguments,
) -> Response {
    let lang = lang_of(&headers);
    let path = {
        let pairs: Vec<String> = arguments.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("/oai?{}", pairs.join("&"))
    };
    let base_url = shared.base_url.clone();
    let pool = shared.clone();
    let ran = blocking(&shared, move |archive| {
        let (response, session) = match harvester(&pool, archive, &headers) {
            Err(refused) => (refused.into_response(), None),
            Ok(session) => {
                let response = match archive.oai(&session, &arguments, &base_url, lang) {
                    Ok(xml) => {
                        let xml_type = [(header::CONTENT_TYPE, "text/xml; charset=utf-8")];
                        (xml_type, xml).into_response()
                    }
                    Err(e) => failed(&e, lang).into_response(),
                };
                (response, Some(session))
            }
        };
        let caller = session.as_ref().map_or(Caller::Unknown, Caller::Known);
        archive.note_call(caller, method, &path, response.status().as_u16())?;
        Ok(response)
    })
    .await;
    match ran {
        Ok(Ok(response)) => response,
        Ok(Err(e)) | Err(e) => failed(&e, lang).into_response(),
    }
}
