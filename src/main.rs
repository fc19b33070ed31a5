use std::process::ExitCode;

fn main() -> ExitCode {
    dangan::cli::main()
}
