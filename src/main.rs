use std::process::ExitCode;

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so `dangan list | head` would panic on the closed pipe. Like any Unix
    // tool, end quietly instead.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        // A write past the file-size limit (`ulimit -f`) then fails with an error the program
        // reports and rolls back, instead of the signal killing it mid-transaction.
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    dangan::cli::main()
}
