use std::process::ExitCode;

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so `dangan list | head` would panic on the closed pipe. Like any Unix
    // tool, end quietly instead.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    dangan::cli::main()
}
