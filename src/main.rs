//! The `lexiscope` binary: parse arguments, run the command, map the result
//! to an exit code (0 ok, 1 a check failed or no post analyzed, 2 usage or
//! input error; a broken
//! pipe ends quietly). Every command's error is printed the same way.

use clap::Parser;

fn main() {
    let cli = lexiscope::cli::Cli::parse();
    let code = match lexiscope::cmd::run(cli) {
        Ok(()) => 0,
        Err(err) if err.is_broken_pipe() => 0,
        Err(err) => {
            lexiscope::cmd::print_line(&format!(
                "lexiscope: {}: {}",
                if err.is_warning() { "warning" } else { "error" },
                lexiscope::cmd::printable(&err.to_string())
            ));
            err.exit_code()
        }
    };
    std::process::exit(code);
}
