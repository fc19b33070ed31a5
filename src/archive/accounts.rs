//! Log-in, sessions, user accounts and archive settings.

use chrono::{DateTime, Duration};
use serde_json::json;

use crate::archive::password;
use crate::archive::store::audit::{self, Marked, Stamp};
use crate::archive::store::settings;
use crate::archive::store::users::{self, NewUser, User};
use crate::archive::{Archive, timestamp};
use crate::domain::{Classification, LoanKind, Permission, Role};
use crate::error::{Error, Result};
use crate::i18n::AccountMsg;

pub const SETTING_MAX_FAILURES: &str = "auth.max_failures";
pub const SETTING_LOCKOUT_MINUTES: &str = "auth.lockout_minutes";
const SETTING_DUMMY_HASH: &str = "auth.dummy_hash";
/// The actor the demo builder writes in the audit trail: no user may take the name.
pub(in crate::archive) const SYSTEM_DEMO: &str = "demo";
const DEFAULT_MAX_FAILURES: u32 = 5;
const DEFAULT_LOCKOUT_MINUTES: i64 = 15;

/// A logged-in user. Only `Archive::login` (and the first admin's creation) make one, so no front
/// end can act as someone it has not authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    name: String,
    role: Role,
    clearance: Classification,
}

impl Session {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn role(&self) -> Role {
        self.role
    }

    pub fn clearance(&self) -> Classification {
        self.clearance
    }

    /// Refuses what the role does not allow.
    pub fn require(&self, permission: Permission) -> Result<()> {
        if self.role.allows(permission) {
            Ok(())
        } else {
            Err(Error::Refused(
                AccountMsg::NotAllowed {
                    name: self.name.clone(),
                    role: self.role,
                    permission,
                }
                .into(),
            ))
        }
    }

    /// Refuses to give a record a classification its author could not then see.
    pub fn check_can_classify(&self, classification: Classification) -> Result<()> {
        if classification <= self.clearance {
            Ok(())
        } else {
            Err(Error::Refused(
                AccountMsg::CannotClassify {
                    name: self.name.clone(),
                    clearance: self.clearance,
                    class: classification,
                }
                .into(),
            ))
        }
    }

    /// Refuses to grant a clearance above the session's own: no admin makes someone (themselves
    /// included) see more than they may see.
    fn check_can_grant(&self, clearance: Classification) -> Result<()> {
        if clearance <= self.clearance {
            Ok(())
        } else {
            Err(Error::Refused(
                AccountMsg::CannotGrant {
                    name: self.name.clone(),
                    clearance: self.clearance,
                    grant: clearance,
                }
                .into(),
            ))
        }
    }

    /// Refuses to act on an account cleared above the session: its password, role or state.
    pub(in crate::archive) fn check_can_manage(&self, user: &User) -> Result<()> {
        if user.clearance <= self.clearance {
            Ok(())
        } else {
            Err(Error::Refused(
                AccountMsg::CannotManage {
                    user: user.name.clone(),
                    name: self.name.clone(),
                }
                .into(),
            ))
        }
    }

    pub(in crate::archive) fn of(user: &User) -> Session {
        Session {
            name: user.name.clone(),
            role: user.role,
            clearance: user.clearance,
        }
    }
}

/// A public (reading-room) account is cleared to 公开, and sees only what is opened besides: a
/// higher clearance would say what it cannot do.
fn check_public(role: Role, clearance: Classification) -> Result<()> {
    if role == Role::Public && clearance != Classification::Public {
        return Err(Error::BadInput(AccountMsg::PublicClearance.into()));
    }
    Ok(())
}

pub(in crate::archive) fn no_user(name: &str) -> Error {
    Error::NotFound(
        AccountMsg::NoSuchUser {
            name: name.to_string(),
        }
        .into(),
    )
}

/// Chinese characters (CJK unified ideographs, their extensions and compatibility forms).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3007}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// Characters that show nothing (zero-width spaces and joiners, word joiners, byte-order marks):
/// in a name they make two names that look the same.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// A name as names are compared: full-width folded, case ignored. `ROOT` is `root`.
fn name_key(name: &str) -> String {
    crate::domain::text::fold(name).to_lowercase()
}

/// A user name: 1–32 Chinese characters, Latin letters, digits, `_`, `-`, `.` or `·`. Nothing
/// else: a Cyrillic `о`, a zero-width space, a `?` or an `os:` prefix would make a name that reads
/// as another user's, or as the names dangan itself writes in the audit trail. Display names are
/// free text, but nothing that could drive or reorder a terminal and nothing invisible.
fn check_user_name(name: &str, display_name: &str) -> Result<()> {
    let allowed = |c: char| is_han(c) || c.is_ascii_alphanumeric() || "_-.·".contains(c);
    let ok = !name.is_empty()
        && name.chars().count() <= 32
        && name.chars().all(allowed)
        && name_key(name) != name_key(SYSTEM_DEMO);
    if !ok {
        return Err(Error::BadInput(
            AccountMsg::UserName {
                name: name.to_string(),
            }
            .into(),
        ));
    }
    let check = |text: &str| crate::domain::record::check_text(text, false).map_err(|e| e.0);
    check(name).map_err(|problem| {
        Error::BadInput(
            AccountMsg::UserNameText {
                problem: Box::new(problem),
            }
            .into(),
        )
    })?;
    if display_name.chars().any(is_invisible) {
        let name = display_name.to_string();
        return Err(Error::BadInput(AccountMsg::UserName { name }.into()));
    }
    check(display_name).map_err(|problem| {
        Error::BadInput(
            AccountMsg::DisplayNameText {
                problem: Box::new(problem),
            }
            .into(),
        )
    })?;
    Ok(())
}

/// What a log-in attempt came to, decided and audited in one transaction.
enum Outcome {
    In(Session),
    Refused,
}

impl Archive {
    fn policy(&self) -> Result<(u32, Duration)> {
        let conn = self.store.conn();
        let number = |key: &str| -> Result<Option<i64>> {
            Ok(settings::get(conn, key)?.and_then(|v| v.parse().ok()))
        };
        let max =
            number(SETTING_MAX_FAILURES)?.map_or(DEFAULT_MAX_FAILURES, |n| n.clamp(1, 1000) as u32);
        let minutes = number(SETTING_LOCKOUT_MINUTES)?
            .unwrap_or(DEFAULT_LOCKOUT_MINUTES)
            .max(0);
        Ok((max, Duration::minutes(minutes)))
    }

    /// A hash of nothing with the parameters real ones have, made once per archive and kept: an
    /// unknown name is checked against it, so it costs what a wrong password costs, in the first
    /// log-in of a process as in any other.
    pub(in crate::archive) fn dummy_hash(&mut self) -> Result<String> {
        if let Some(hash) = settings::get(self.store.conn(), SETTING_DUMMY_HASH)? {
            return Ok(hash);
        }
        let hash = password::hash("no account has this password")?;
        // A read-only archive cannot keep it; it is then made again by each process.
        if !self.store.is_read_only() {
            self.store
                .write(|tx| settings::set(tx, SETTING_DUMMY_HASH, &hash))?;
        }
        Ok(hash)
    }

    /// Checks a name and password. After too many failures in a row the account is locked for a
    /// while; every failure and lock-out is audited. An unknown name, a wrong password, a locked
    /// and a disabled account get the same answer after the same work, so none tells which names
    /// exist.
    pub fn login(&mut self, name: &str, password: &str) -> Result<Session> {
        let now = self.clock_now();
        let at = timestamp(now);
        let (max_failures, lockout) = self.policy()?;
        let found = users::by_name(self.store.conn(), name)?;
        let dummy = match found {
            Some(_) => None,
            None => Some(self.dummy_hash()?),
        };
        let key = &self.audit_key;
        let outcome = match found {
            None => {
                password::verify(password, dummy.as_deref().unwrap_or_default());
                // The attempted name is not recorded: people type their password into it.
                let stamp = Stamp {
                    key,
                    at: &at,
                    user: "?",
                };
                self.store.write(|tx| {
                    stamp.append(tx, "login.failed", "?", json!({"reason": "unknown user"}))
                })?;
                Outcome::Refused
            }
            Some((user, stored)) => {
                let matches = password::verify(password, &stored);
                let locked_until = user
                    .locked_until
                    .as_deref()
                    .and_then(|t| DateTime::parse_from_rfc3339(t).ok());
                let stamp = Stamp {
                    key,
                    at: &at,
                    user: &user.name,
                };
                let me = user.name.as_str();
                let refused = |tx: &rusqlite::Transaction, reason: &str| {
                    let seq = stamp.append(tx, "login.refused", me, json!({"reason": reason}))?;
                    audit::mark(tx, Marked::User, user.id, seq)
                };
                if locked_until.is_some_and(|until| until > now) {
                    // The lock is the admin's to see in the audit trail, not the caller's: an
                    // answer of its own would tell that the name exists.
                    self.store.write(|tx| refused(tx, "locked"))?;
                    Outcome::Refused
                } else if user.disabled {
                    self.store.write(|tx| refused(tx, "disabled"))?;
                    Outcome::Refused
                } else if !matches {
                    let failures = user.failed_logins + 1;
                    let lock = (failures >= max_failures).then(|| timestamp(now + lockout));
                    self.store.write(|tx| {
                        let remembered = if lock.is_some() { 0 } else { failures };
                        users::set_login_state(tx, user.id, remembered, lock.as_deref())?;
                        let detail = json!({"reason": "wrong password", "failures": failures});
                        let mut seq = stamp.append(tx, "login.failed", me, detail)?;
                        if let Some(until) = &lock {
                            seq = stamp.append(tx, "login.locked", me, json!({"until": until}))?;
                        }
                        audit::mark(tx, Marked::User, user.id, seq)
                    })?;
                    Outcome::Refused
                } else {
                    let rehash = if password::needs_rehash(&stored) {
                        Some(password::hash(password)?)
                    } else {
                        None
                    };
                    let recorded = self.store.write(|tx| {
                        users::set_login_state(tx, user.id, 0, None)?;
                        if let Some(hash) = &rehash {
                            users::set_password_hash(tx, user.id, hash)?;
                        }
                        let detail = json!({"rehashed": rehash.is_some()});
                        let seq = stamp.append(tx, "login", me, detail)?;
                        audit::mark(tx, Marked::User, user.id, seq)
                    });
                    // A read-only archive can still be read by those who may; it cannot record
                    // the log-in, as it cannot record anything.
                    if !self.store.is_read_only() {
                        recorded?;
                    }
                    Outcome::In(Session::of(&user))
                }
            }
        };
        match outcome {
            Outcome::In(session) => Ok(session),
            // The same words for a wrong name, a wrong password, a locked and a disabled
            // account, so none tells which it was.
            Outcome::Refused => Err(Error::Refused(AccountMsg::BadLogin.into())),
        }
    }

    pub fn has_users(&self) -> Result<bool> {
        Ok(users::count(self.store.conn())? > 0)
    }

    /// Creates the first administrator of an archive that has no accounts yet (a new archive, or
    /// one made before accounts existed), and logs them in.
    pub fn create_first_admin(
        &mut self,
        name: &str,
        display_name: &str,
        password: &str,
    ) -> Result<Session> {
        if self.has_users()? {
            return Err(Error::Refused(AccountMsg::HasAccounts.into()));
        }
        let user = self.insert_user(
            name,
            display_name,
            password,
            Role::Admin,
            Classification::Confidential,
            name,
        )?;
        Ok(Session::of(&user))
    }

    pub(in crate::archive) fn insert_user(
        &mut self,
        name: &str,
        display_name: &str,
        password: &str,
        role: Role,
        clearance: Classification,
        by: &str,
    ) -> Result<User> {
        check_user_name(name, display_name)?;
        check_public(role, clearance)?;
        password::check_strength(password)?;
        let hash = password::hash(password)?;
        let display_name = if display_name.trim().is_empty() {
            name
        } else {
            display_name.trim()
        };
        let at = self.now();
        let stamp = Stamp {
            key: &self.audit_key,
            at: &at,
            user: by,
        };
        let new = NewUser {
            name,
            display_name,
            password_hash: &hash,
            role,
            clearance,
        };
        let key = name_key(name);
        if users::list(self.store.conn())?
            .iter()
            .any(|u| name_key(&u.name) == key)
        {
            let name = name.to_string();
            return Err(Error::BadInput(AccountMsg::UserExists { name }.into()));
        }
        self.store.write(|tx| {
            let Some(id) = users::add(tx, &new, &at)? else {
                let name = name.to_string();
                return Err(Error::BadInput(AccountMsg::UserExists { name }.into()));
            };
            let detail = json!({"role": role.code(), "clearance": clearance.code(), "display_name": display_name});
            let seq = stamp.append(tx, "user.add", name, detail)?;
            audit::mark(tx, Marked::User, id, seq)
        })?;
        users::by_name(self.store.conn(), name)?
            .map(|(user, _)| user)
            .ok_or_else(|| no_user(name))
    }

    pub fn add_user(
        &mut self,
        session: &Session,
        name: &str,
        display_name: &str,
        password: &str,
        role: Role,
        clearance: Classification,
    ) -> Result<()> {
        session.require(Permission::ManageUsers)?;
        session.check_can_grant(clearance)?;
        self.insert_user(name, display_name, password, role, clearance, &session.name)
            .map(|_| ())
    }

    pub fn users(&self, session: &Session) -> Result<Vec<User>> {
        session.require(Permission::ManageUsers)?;
        users::list(self.store.conn())
    }

    pub(in crate::archive) fn user(&self, name: &str) -> Result<User> {
        users::by_name(self.store.conn(), name)?
            .map(|(u, _)| u)
            .ok_or_else(|| no_user(name))
    }

    /// Everyone may change their own password; an admin anyone's.
    pub fn set_password(
        &mut self,
        session: &Session,
        name: &str,
        new_password: &str,
    ) -> Result<()> {
        if name != session.name {
            session.require(Permission::ManageUsers)?;
        }
        password::check_strength(new_password)?;
        let user = self.user(name)?;
        session.check_can_manage(&user)?;
        let hash = password::hash(new_password)?;
        self.change_user(session, &user, "user.passwd", json!({}), |tx| {
            users::set_password_hash(tx, user.id, &hash)
        })
    }

    pub fn set_role(
        &mut self,
        session: &Session,
        name: &str,
        role: Role,
        clearance: Classification,
    ) -> Result<()> {
        session.require(Permission::ManageUsers)?;
        let user = self.user(name)?;
        session.check_can_manage(&user)?;
        session.check_can_grant(clearance)?;
        check_public(role, clearance)?;
        if user.name == session.name && role != Role::Admin {
            return Err(Error::BadInput(AccountMsg::OwnAdminRole.into()));
        }
        let detail = json!({"from": [user.role.code(), user.clearance.code()], "to": [role.code(), clearance.code()]});
        self.change_user(session, &user, "user.role", detail, |tx| {
            users::set_role(tx, user.id, role, clearance)
        })
    }

    pub fn set_disabled(&mut self, session: &Session, name: &str, disabled: bool) -> Result<()> {
        session.require(Permission::ManageUsers)?;
        let user = self.user(name)?;
        session.check_can_manage(&user)?;
        if disabled && user.name == session.name {
            return Err(Error::BadInput(AccountMsg::OwnAccount.into()));
        }
        let action = if disabled {
            "user.disable"
        } else {
            "user.enable"
        };
        self.change_user(session, &user, action, json!({}), |tx| {
            users::set_disabled(tx, user.id, disabled)?;
            // Enabling also lifts a lock-out: that is what an admin is asked for.
            if !disabled {
                users::set_login_state(tx, user.id, 0, None)
            } else {
                Ok(())
            }
        })
    }

    pub(in crate::archive) fn change_user(
        &mut self,
        session: &Session,
        user: &User,
        action: &str,
        detail: serde_json::Value,
        change: impl FnOnce(&rusqlite::Transaction) -> Result<()>,
    ) -> Result<()> {
        self.audited(&session.name, |tx, stamp| {
            change(tx)?;
            let seq = stamp.append(tx, action, &user.name, detail)?;
            audit::mark(tx, Marked::User, user.id, seq)
        })
    }

    /// Archive-wide settings an admin may change, with their checks. They govern every account,
    /// so only an admin cleared to the top may change them: a lock-out policy set by an admin
    /// cleared lower could lock out those cleared higher.
    pub fn set_setting(&mut self, session: &Session, key_name: &str, value: &str) -> Result<()> {
        session.require(Permission::ManageSettings)?;
        if session.clearance < Classification::Confidential {
            let grant = Classification::Confidential;
            return Err(Error::Refused(
                AccountMsg::CannotGrant {
                    name: session.name.clone(),
                    clearance: session.clearance,
                    grant,
                }
                .into(),
            ));
        }
        // The policy's keys say what is wrong with a value themselves.
        let policy = crate::archive::safekeeping::check_policy_setting(key_name, value, &self.dir);
        if let Some(Err(error)) = policy {
            return Err(error);
        }
        let valid = match key_name {
            SETTING_MAX_FAILURES => value.parse::<u32>().is_ok_and(|n| (1..=1000).contains(&n)),
            SETTING_LOCKOUT_MINUTES => value.parse::<u32>().is_ok_and(|n| n <= 7 * 24 * 60),
            key if LoanKind::ALL.iter().any(|k| k.days_setting() == key) => {
                value.parse::<u32>().is_ok_and(|n| n <= 366)
            }
            crate::archive::objects::SETTING_MAX_MB | crate::archive::receive::SETTING_MAX_MB => {
                value
                    .parse::<u32>()
                    .is_ok_and(|n| (1..=1 << 20).contains(&n))
            }
            crate::archive::finding_aid::SETTING_NAME => {
                crate::domain::record::check_text(value, false).is_ok()
                    && !value.trim().is_empty()
                    && value.chars().count() <= 200
            }
            crate::archive::finding_aid::SETTING_ID => is_domain(value),
            crate::archive::appraisal::SETTING_LONG_YEARS
            | crate::archive::appraisal::SETTING_SHORT_YEARS => {
                value.parse::<u32>().is_ok_and(|n| (1..=100).contains(&n))
            }
            crate::archive::finding_aid::SETTING_EMAIL => is_email(value),
            _ if policy.is_some() => true,
            _ => {
                let mut known = vec![
                    SETTING_MAX_FAILURES.to_string(),
                    SETTING_LOCKOUT_MINUTES.into(),
                ];
                known.extend(LoanKind::ALL.iter().map(|k| k.days_setting()));
                known.push(crate::archive::objects::SETTING_MAX_MB.into());
                known.push(crate::archive::receive::SETTING_MAX_MB.into());
                known.extend(
                    [
                        crate::archive::finding_aid::SETTING_NAME,
                        crate::archive::finding_aid::SETTING_ID,
                        crate::archive::finding_aid::SETTING_EMAIL,
                        crate::archive::appraisal::SETTING_LONG_YEARS,
                        crate::archive::appraisal::SETTING_SHORT_YEARS,
                    ]
                    .map(String::from),
                );
                known.extend(
                    crate::archive::safekeeping::POLICY_KEYS
                        .iter()
                        .map(|(key, _)| key.to_string()),
                );
                let known = known.join(", ");
                return Err(Error::BadInput(
                    AccountMsg::UnknownSetting {
                        key: key_name.to_string(),
                        known,
                    }
                    .into(),
                ));
            }
        };
        if !valid {
            return Err(Error::BadInput(
                AccountMsg::BadSetting {
                    value: value.to_string(),
                    key: key_name.to_string(),
                }
                .into(),
            ));
        }
        self.audited(&session.name, |tx, stamp| {
            settings::set(tx, key_name, value)?;
            stamp
                .append(tx, "settings.set", key_name, json!({"value": value}))
                .map(|_| ())
        })
    }
}

/// A domain name as OAI-PMH identifiers take it (`archives.example.gov.cn`): labels of letters,
/// digits and hyphens, each beginning with a letter, at least two of them.
fn is_domain(text: &str) -> bool {
    let labels: Vec<&str> = text.split('.').collect();
    labels.len() >= 2
        && text.len() <= 253
        && labels.iter().all(|label| {
            label.len() <= 63
                && label.starts_with(|c: char| c.is_ascii_alphabetic())
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// An address a harvester's mail can reach: something@some.where (OAI-PMH's schema wants the
/// dot), nothing that breaks a header.
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
        && !domain.contains('@')
        && text.len() <= 254
        && text.bytes().all(|b| b.is_ascii_graphic())
}
