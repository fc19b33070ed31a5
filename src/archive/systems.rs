//! Other systems (an OA system, the data-sharing platform) call `dangan serve` with a token in
//! place of a password: an account of their own, its role and clearance, a token shown once and
//! kept only as its SHA-256. Every call is audited, refused ones too.

use serde_json::json;
use sha2::{Digest, Sha256};

use crate::archive::store::audit::Stamp;
use crate::archive::store::users;
use crate::archive::{Archive, Session};
use crate::domain::Permission;
use crate::domain::format::hex;
use crate::error::{Error, Result};
use crate::i18n::AccountMsg;

/// Tokens read as what they are in a log or a config file.
const TOKEN_PREFIX: &str = "dangan_";
/// The most of a called path the audit entry keeps.
const PATH_KEPT: usize = 200;

fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Who made a call, as its audit entry names them.
pub enum Caller<'a> {
    Known(&'a Session),
    /// No token, or one that named no account.
    Unknown,
}

impl Archive {
    /// Gives an account a new token for `dangan serve`, in place of any it had; the token is
    /// returned once and never stored.
    pub fn issue_token(&mut self, session: &Session, name: &str) -> Result<String> {
        session.require(Permission::ManageUsers)?;
        let user = self.user(name)?;
        session.check_can_manage(&user)?;
        let mut bytes = [0u8; 20];
        getrandom::fill(&mut bytes).map_err(|e| Error::Internal(e.to_string()))?;
        let token = format!("{TOKEN_PREFIX}{}", hex(&bytes));
        let hash = token_hash(&token);
        self.change_user(session, &user, "user.token", json!({}), |tx| {
            users::set_token(tx, user.id, &hash)
        })?;
        Ok(token)
    }

    /// The session of the account a token names, if it is enabled.
    pub fn token_session(&mut self, token: &str) -> Result<Session> {
        let refused = || Error::Refused(AccountMsg::BadLogin.into());
        if !token.starts_with(TOKEN_PREFIX) {
            return Err(refused());
        }
        match users::by_token(self.store.conn(), &token_hash(token))? {
            Some(user) if !user.disabled => Ok(Session::of(&user)),
            _ => Err(refused()),
        }
    }

    /// Writes one call to the audit trail: who, what, and the answer's status.
    pub fn note_call(
        &mut self,
        caller: Caller,
        method: &str,
        path: &str,
        status: u16,
    ) -> Result<()> {
        let user = match caller {
            Caller::Known(session) => session.name().to_string(),
            Caller::Unknown => "-".to_string(),
        };
        let path: String = crate::width::sanitize(path, false)
            .chars()
            .take(PATH_KEPT)
            .collect();
        let at = self.now();
        let stamp = Stamp {
            key: &self.audit_key,
            at: &at,
            user: &user,
        };
        let detail = json!({"method": method, "status": status});
        self.store
            .write(|tx| stamp.append(tx, "api.call", &path, detail).map(|_| ()))
    }
}
