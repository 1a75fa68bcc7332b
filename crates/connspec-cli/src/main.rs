//! The `connspec` binary; everything lives in the `connspec_cli` library.

fn main() -> std::process::ExitCode {
    connspec_cli::main()
}
