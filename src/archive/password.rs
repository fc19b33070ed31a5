//! Password hashing: argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane),
//! stored in the PHC string with the hash so they can be raised later; a hash made with other
//! parameters is replaced at the next successful log-in.

use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version};

use crate::error::{Error, Result};
use crate::i18n::AccountMsg;

pub const MIN_LENGTH: usize = 8;

/// The parameters new hashes get (OWASP Password Storage Cheat Sheet, argon2id, second option).
pub const CURRENT: (u32, u32, u32) = (19 * 1024, 2, 1);

fn hasher(params: (u32, u32, u32)) -> Result<Argon2<'static>> {
    let (m, t, p) = params;
    let params = Params::new(m, t, p, None)
        .map_err(|e| Error::Internal(format!("argon2 parameters: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

pub fn check_strength(password: &str) -> Result<()> {
    if password.chars().count() < MIN_LENGTH {
        return Err(Error::BadInput(
            AccountMsg::ShortPassword {
                min: MIN_LENGTH as u64,
            }
            .into(),
        ));
    }
    Ok(())
}

pub fn hash_with(password: &str, params: (u32, u32, u32)) -> Result<String> {
    let hash = hasher(params)?
        .hash_password(password.as_bytes())
        .map_err(|e| {
            Error::Internal(
                AccountMsg::Hashing {
                    detail: e.to_string(),
                }
                .to_string(),
            )
        })?;
    Ok(hash.to_string())
}

pub fn hash(password: &str) -> Result<String> {
    hash_with(password, CURRENT)
}

/// True when `password` matches `stored`, with the parameters `stored` names.
pub fn verify(password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
}

/// True when `stored` was made with other parameters than those new hashes get.
pub fn needs_rehash(stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return true;
    };
    match Params::try_from(&parsed) {
        Ok(p) => {
            (p.m_cost(), p.t_cost(), p.p_cost()) != CURRENT
                || parsed.algorithm.as_str() != "argon2id"
        }
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_name_their_parameters() {
        let stored = hash("档案口令-2019").unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify("档案口令-2019", &stored));
        assert!(!verify("档案口令-2018", &stored));
        assert!(!needs_rehash(&stored));
        let weak = hash_with("档案口令-2019", (8 * 1024, 1, 1)).unwrap();
        assert!(verify("档案口令-2019", &weak));
        assert!(needs_rehash(&weak));
        assert!(!verify("x", "not a hash"));
    }
}
