//! The head of the audit trail, sent where the archive's own files are not: the system log
//! (syslog or journald, through `/dev/log`). Whoever can rewrite the database and read
//! `audit.key` can forge a consistent chain; they cannot take back what the system log holds, and
//! `dangan audit verify --head SEQ:HASH` checks the trail against it.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::domain::audit::AuditHead;

/// `DANGAN_SYSLOG`: a socket path to send to instead of `/dev/log`, or `off`.
const SOCKET_VARIABLE: &str = "DANGAN_SYSLOG";
const DEFAULT_SOCKET: &str = "/dev/log";
/// A long-running session (the workstation) sends the head at most this often; every process
/// sends it once more as it ends.
const EVERY: Duration = Duration::from_secs(60);
/// authpriv.notice: kept with the log-in records, readable by the system's administrators only.
const PRIORITY: u8 = 10 * 8 + 5;

/// What this process last sent.
#[derive(Debug, Default)]
pub(in crate::archive) struct Announced {
    seq: Option<i64>,
    at: Option<Instant>,
}

impl Announced {
    /// Starting from the head as the archive was opened: a process that appends nothing sends
    /// nothing.
    pub(in crate::archive) fn starting_at(head: Option<&AuditHead>) -> Announced {
        Announced {
            seq: head.map(|h| h.seq),
            at: None,
        }
    }

    /// Sends the head if it moved since the last time and `EVERY` has passed (or `now` is asked).
    pub(in crate::archive) fn offer(&mut self, dir: &Path, head: Option<AuditHead>, now: bool) {
        let Some(head) = head else { return };
        let moved = self.seq != Some(head.seq);
        let due = now || self.at.is_none_or(|at| at.elapsed() >= EVERY);
        if moved && due {
            send(dir, &head);
            self.seq = Some(head.seq);
            self.at = Some(Instant::now());
        }
    }
}

fn send(dir: &Path, head: &AuditHead) {
    send_line(dir, PRIORITY, &format!("audit head {head}"));
}

/// Sends `line` about the archive in `dir` to the system log with `priority`, where there is one.
pub(in crate::archive) fn send_line(dir: &Path, priority: u8, line: &str) {
    #[cfg(unix)]
    {
        let socket = std::env::var(SOCKET_VARIABLE).unwrap_or_else(|_| DEFAULT_SOCKET.into());
        if socket == "off" || !Path::new(&socket).exists() {
            return;
        }
        let message = format!(
            "<{priority}>dangan[{}]: {line} archive={}",
            std::process::id(),
            dir.display()
        );
        // A system log that is not there or will not take it costs the user nothing: the
        // anchor and the alarms are a help to an auditor, not a condition of the work.
        if let Ok(log) = std::os::unix::net::UnixDatagram::unbound() {
            let _ = log.send_to(message.as_bytes(), &socket);
        }
    }
    #[cfg(not(unix))]
    let _ = (dir, priority, line);
}
