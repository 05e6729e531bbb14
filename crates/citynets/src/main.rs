//! `citynets`: the command-line program and server.
//!
//! The binary is thin: it parses arguments (clap), sets up logging
//! (tracing), opens the registry and calls the library crates. Errors are
//! `anyhow` here; exit codes are in [`exit`].

mod cli;
mod commands;
mod output;

use std::process::ExitCode;

use clap::Parser;

/// Exit codes: what a script can rely on.
pub mod exit {
    /// Bad input: a file, line or parameter that is wrong (the message says where).
    pub const BAD_INPUT: u8 = 3;
    /// What was asked for does not exist.
    pub const NOT_FOUND: u8 = 4;
    /// The database could not be opened, migrated or written.
    pub const DATABASE: u8 = 5;
    /// Anything else.
    pub const OTHER: u8 = 1;
}

/// An import holds millions of small values; glibc's allocator slows down
/// as its heap grows and fragments (see ARCHITECTURE.md, "Allocator").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    init_logging(&cli);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(exit::OTHER);
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(exit_code(&e))
        }
    }
}

fn exit_code(e: &anyhow::Error) -> u8 {
    use citynets_registry::RegistryError;
    use citynets_registry::store::StoreError;
    for cause in e.chain() {
        if let Some(r) = cause.downcast_ref::<RegistryError>() {
            return match r {
                RegistryError::Input { .. } | RegistryError::Forbidden(_) => exit::BAD_INPUT,
                RegistryError::NotFound(_) => exit::NOT_FOUND,
                RegistryError::Store(StoreError::NotFound(_)) => exit::NOT_FOUND,
                RegistryError::Store(
                    StoreError::Invalid { .. }
                    | StoreError::Field { .. }
                    | StoreError::NotCurrent { .. }
                    | StoreError::NotProposed { .. }
                    | StoreError::Backup { .. }
                    | StoreError::NotEmpty(_)
                    | StoreError::Duplicate(_),
                ) => {
                    exit::BAD_INPUT
                }
                RegistryError::Store(_) => exit::DATABASE,
            };
        }
        if cause.downcast_ref::<commands::InputError>().is_some() {
            return exit::BAD_INPUT;
        }
    }
    exit::OTHER
}

/// Logs go to standard error; `CITYNETS_LOG` (or `RUST_LOG`) filters them,
/// `--verbose` raises the default from warnings (info for `serve`) to debug.
fn init_logging(cli: &cli::Cli) {
    use tracing_subscriber::EnvFilter;
    let default = match (cli.verbose, matches!(cli.command, cli::Command::Serve(_))) {
        (true, _) => "debug,sqlx=warn,hyper=info",
        (false, true) => "info,sqlx=warn",
        (false, false) => "warn",
    };
    let filter = std::env::var("CITYNETS_LOG")
        .or_else(|_| std::env::var("RUST_LOG"))
        .ok()
        .and_then(|f| EnvFilter::try_new(f).ok())
        .unwrap_or_else(|| EnvFilter::new(default));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
}
