//! `dangan serve` as a process on a free port, and the accounts and client other systems call it
//! with.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

use super::Sandbox;

/// The service, stopped when dropped.
pub struct Service {
    child: Child,
    pub base: String,
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn serve(sandbox: &Sandbox, options: &[&str]) -> Service {
    let mut child = sandbox
        .command()
        .arg("--archive")
        .arg(sandbox.archive())
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(options)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start dangan serve");
    let mut first = String::new();
    let stdout = child.stdout.take().expect("stdout");
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("the address");
    let address = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("an address in the first line")
        .to_string();
    Service {
        child,
        base: format!("http://{address}"),
    }
}

/// A system's account with its token.
pub fn system(sandbox: &Sandbox, name: &str, role: &str, clearance: &str) -> String {
    sandbox.add_user(name, "系统账户的长口令-2026-无人知晓", role, clearance);
    let said = sandbox.ok(&["user", "token", name]);
    said.lines().last().expect("the token").trim().to_string()
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}
