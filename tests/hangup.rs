//! The SSH link drops (SIGHUP) while a clerk is typing a record: the real workstation process,
//! on a pseudo-terminal made by util-linux `script`, keeps the form as a draft, gives the
//! terminal back, and offers the form at the next log-in.
#![cfg(unix)]

mod common;

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Sandbox;

/// A workstation on a pseudo-terminal: keys go in, the screen's bytes come out.
struct Terminal {
    script: Child,
    keys: ChildStdin,
    output: Arc<Mutex<Vec<u8>>>,
}

impl Terminal {
    fn open(sandbox: &Sandbox) -> Terminal {
        let command = format!(
            "stty cols 100 rows 30; exec '{}' --archive '{}' --lang en",
            env!("CARGO_BIN_EXE_dangan"),
            sandbox.archive().display()
        );
        let mut script = Command::new("script")
            .args(["-q", "-e", "-c", &command, "/dev/null"])
            .env("TERM", "xterm")
            .env("HOME", sandbox.dir.path())
            .env("DANGAN_CONFIG_DIR", sandbox.path("config"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("util-linux script");
        let keys = script.stdin.take().unwrap();
        let mut stdout = script.stdout.take().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut buffer = [0; 4096];
            while let Ok(n) = stdout.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buffer[..n]);
            }
        });
        Terminal {
            script,
            keys,
            output,
        }
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    /// Waits until the screen has shown `text` since the last wait (ten seconds at most). Only
    /// changed cells are redrawn, so `text` should be one word.
    fn wait_for(&self, text: &str) {
        let started = Instant::now();
        while !self.screen().contains(text) {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{text:?} never shown:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        self.output.lock().unwrap().clear();
    }

    fn type_keys(&mut self, keys: &str) {
        self.keys.write_all(keys.as_bytes()).unwrap();
        self.keys.flush().unwrap();
    }

    fn log_in(&mut self) {
        self.wait_for("Password");
        // Keys are read in order, so the password lands in its field.
        self.type_keys("archivist\rdemo-archivist-2019\r");
    }

    /// The workstation process: the child `script` started on the pseudo-terminal.
    fn workstation_pid(&self) -> i32 {
        let children = format!("/proc/{0}/task/{0}/children", self.script.id());
        let listed = std::fs::read_to_string(children).unwrap();
        listed.split_whitespace().next().unwrap().parse().unwrap()
    }
}

#[test]
fn a_dropped_link_keeps_the_form_and_offers_it_at_the_next_log_in() {
    let sandbox = Sandbox::new();
    dangan::archive::demo::build(&sandbox.archive(), 60, 2019).unwrap();
    let mut terminal = Terminal::open(&sandbox);
    terminal.log_in();
    terminal.wait_for("J002");
    // J002, a new record there: year, department, title.
    terminal.type_keys("\x1b[B\x1b[B\r");
    terminal.wait_for("years");
    terminal.type_keys("n");
    terminal.wait_for("Ctrl-s");
    let title = "《断线前录入的文件》——第１号…OFD";
    terminal.type_keys(&format!("2019\t\tBGS\t\t{title}"));
    // The end of the title on the screen: every key typed has reached the form.
    terminal.wait_for("OFD");

    let pid = terminal.workstation_pid();
    // SAFETY: a signal to a child process of this test.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGHUP) }, 0);
    let status = terminal.script.wait().unwrap();
    assert!(status.success(), "the workstation ended with {status}");
    // The terminal was given back: the alternate screen left, the cursor shown again.
    let rest = terminal.screen();
    assert!(
        rest.contains("\x1b[?1049l") && rest.contains("\x1b[?25h"),
        "{rest:?}"
    );

    let drafts: Vec<_> = std::fs::read_dir(sandbox.archive().join("drafts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    let draft = std::fs::read_to_string(&drafts[0]).unwrap();
    assert!(draft.contains(title), "{draft}");

    // The next log-in of the same user offers the form again.
    let mut terminal = Terminal::open(&sandbox);
    terminal.log_in();
    terminal.wait_for("Restored");
    terminal.type_keys("\x13");
    terminal.wait_for("Saved");
    terminal.type_keys("\x03");
    assert!(terminal.script.wait().unwrap().success());
    assert_eq!(
        std::fs::read_dir(sandbox.archive().join("drafts"))
            .unwrap()
            .count(),
        0
    );
    let found = sandbox.run_as("admin", "demo-admin-2019", &["search", "断线前录入的文件"]);
    assert!(found.stdout.contains("1 of 1 matches"), "{}", found.stdout);
}
