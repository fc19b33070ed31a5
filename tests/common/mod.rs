//! Runs the built `dangan` binary in a private sandbox: its own data dir, archive and user.

#![allow(dead_code)] // each test file uses a different part of this helper

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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
            .env("DANGAN_USER", "档案员甲")
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
        sandbox.ok(&["init"]);
        sandbox.ok(&["fonds", "add", "J001", "市人民政府办公室"]);
        sandbox.ok(&["fonds", "add", "J002", "市财政局"]);
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

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .expect("fixture")
}
