//! Runs the built `dangan` binary in a private sandbox: its own data dir, archive and user.

#![allow(dead_code)] // each test file uses a different part of this helper

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The sandbox's admin, made by `init`.
pub const ADMIN: &str = "档案员甲";
pub const ADMIN_PASSWORD: &str = "测试口令-甲-2026";

pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn archive(&self) -> PathBuf {
        self.dir.path().join("archive")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_dangan"));
        command
            .env_remove("DANGAN_ARCHIVE")
            .env("XDG_DATA_HOME", self.dir.path().join("xdg"))
            .env("HOME", self.dir.path())
            .env("DANGAN_USER", ADMIN)
            .env("DANGAN_PASSWORD", ADMIN_PASSWORD)
            // The host's system log is not the tests' to fill; the test of it gives a socket.
            .env("DANGAN_SYSLOG", "off")
            // Messages in English unless a test asks for Chinese (--lang zh).
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .env("DANGAN_CONFIG_DIR", self.dir.path().join("config"))
            .current_dir(self.dir.path());
        command
    }

    /// Runs dangan on this sandbox's archive.
    pub fn run(&self, args: &[&str]) -> Run {
        self.command()
            .arg("--archive")
            .arg(self.archive())
            .args(args)
            .output()
            .expect("run dangan")
            .into()
    }

    /// Runs dangan with standard input, e.g. passwords for --password-stdin.
    pub fn run_with_input(&self, input: &str, args: &[&str]) -> Run {
        let mut child = self
            .command()
            .arg("--archive")
            .arg(self.archive())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run dangan");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
        child.wait_with_output().expect("wait for dangan").into()
    }

    /// Runs dangan on another archive as another user.
    pub fn run_on_as(&self, archive: &Path, user: &str, password: &str, args: &[&str]) -> Run {
        let mut command = self.command();
        command
            .env("DANGAN_USER", user)
            .env("DANGAN_PASSWORD", password)
            .arg("--archive")
            .arg(archive);
        command.args(args).output().expect("run dangan").into()
    }

    /// Runs dangan as another user.
    pub fn run_as(&self, user: &str, password: &str, args: &[&str]) -> Run {
        let mut command = self.command();
        command
            .env("DANGAN_USER", user)
            .env("DANGAN_PASSWORD", password)
            .arg("--archive")
            .arg(self.archive());
        command.args(args).output().expect("run dangan").into()
    }

    /// Creates the archive with the sandbox's admin.
    pub fn init(&self) -> Run {
        self.run_with_input(
            &format!("{ADMIN_PASSWORD}\n"),
            &["init", "--admin", ADMIN, "--password-stdin"],
        )
    }

    /// Adds a user (as the admin) with a role and clearance.
    pub fn add_user(&self, name: &str, password: &str, role: &str, clearance: &str) {
        let args = [
            "user",
            "add",
            name,
            "--role",
            role,
            "--clearance",
            clearance,
            "--password-stdin",
        ];
        let run = self.run_with_input(&format!("{password}\n"), &args);
        assert_eq!(run.code, 0, "user add {name}: {}", run.stderr);
    }

    /// Runs dangan on another archive directory.
    pub fn run_on(&self, archive: &Path, args: &[&str]) -> Run {
        self.command()
            .arg("--archive")
            .arg(archive)
            .args(args)
            .output()
            .expect("run dangan")
            .into()
    }

    /// Runs and insists on success, returning stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(
            run.code, 0,
            "dangan {args:?} failed:\n{}\n{}",
            run.stdout, run.stderr
        );
        run.stdout
    }

    /// An initialised archive with fonds J001 and J002.
    pub fn with_archive() -> Sandbox {
        let sandbox = Sandbox::new();
        assert_eq!(sandbox.init().code, 0);
        sandbox.ok(&["fonds", "add", "J001", "市人民政府办公室"]);
        sandbox.ok(&["fonds", "add", "J002", "市财政局"]);
        sandbox
    }

    /// `with_archive`, and fonds Z109 coded as DA/T 22-2015 writes it (Z109-WS·2011-Y-BGS-0001).
    pub fn with_dat22_fonds() -> Sandbox {
        let sandbox = Sandbox::with_archive();
        sandbox.ok(&[
            "fonds",
            "add",
            "Z109",
            "市文化和旅游局",
            "--scheme",
            "dat22",
        ]);
        sandbox
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write fixture");
        path
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).expect("JSON output")
    }
}

/// The sandbox's database with the audit trail's append-only triggers dropped, as someone with
/// write access to the file would have it.
pub fn tamper(sandbox: &Sandbox) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(sandbox.archive().join("dangan.db")).expect("database");
    conn.execute_batch("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;")
        .expect("drop the triggers");
    conn
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .expect("fixture")
}
pub mod desk;
pub mod service;
pub mod transfer;

/// A transfer list (移交清册) of `records` records, as the CSV an archivist would import.
pub fn transfer_list(records: usize) -> String {
    let mut out = String::from("档号,题名,责任者,日期,保管期限,密级\n");
    for n in 1..=records {
        out.push_str(&format!(
            "J001-2019-D30-BGS-{n:04},\"关于“第{n}号”档案——《移交清册》…（１）\",市档案馆,20190312,定期30年,公开\n"
        ));
    }
    out
}

/// How many records the sandbox's archive holds, as `list --json` counts them.
pub fn record_count(sandbox: &Sandbox) -> usize {
    let total = sandbox.json(&["list", "--json", "--per-page", "1"])["total"].as_u64();
    total.expect("a total in list --json") as usize
}

/// Every file under the archive's objects/, as paths relative to it.
pub fn stored_files(sandbox: &Sandbox) -> Vec<String> {
    let root = sandbox.archive().join("objects");
    let mut found = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                found.push(path.strip_prefix(&root).unwrap().display().to_string());
            }
        }
    }
    found.sort();
    found
}
