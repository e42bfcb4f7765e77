//! The `lexiscope` binary: parse arguments, run the command, map the result
//! to an exit code (0 ok, 1 a check failed, 2 usage or input error; a broken
//! pipe ends quietly).

use clap::Parser;

fn main() {
    let cli = lexiscope::cli::Cli::parse();
    let code = match lexiscope::cmd::run(cli) {
        Ok(()) => 0,
        Err(err) => {
            if is_broken_pipe(&err) {
                0
            } else {
                eprintln!("lexiscope: error: {err:#}");
                err.downcast_ref::<lexiscope::Error>()
                    .map_or(2, lexiscope::Error::exit_code)
            }
        }
    };
    std::process::exit(code);
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || matches!(cause.downcast_ref::<lexiscope::Error>(),
                Some(lexiscope::Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
