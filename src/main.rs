//! The `rapport` command line: a thin layer over the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use rapport::{diagnostic, BuildOptions, Errors};

#[derive(Parser)]
#[command(
    name = "rapport",
    version,
    about = "Build a yearly statistical report into a static, accessible website"
)]
struct Cli {
    /// The project folder (holds rapport.toml, content/, templates/, theme/).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build every published edition into the output folder.
    Build {
        /// Override base_url of rapport.toml (canonical links, sitemap, Open Graph).
        #[arg(long)]
        base_url: Option<String>,
        /// Output folder.
        #[arg(long, default_value = "public")]
        output: PathBuf,
    },
    /// Build, serve on http://127.0.0.1:1111, rebuild on change and reload the browser.
    Serve {
        /// The port (the next free one is used when it is busy; 0 picks any).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but loopback shows the preview to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Validate everything without writing.
    Check,
    /// Start next year's edition from an earlier one.
    NewEdition {
        year: i32,
        #[arg(long)]
        from: i32,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { base_url, output } => {
            let mut options = BuildOptions::new(&cli.root);
            options.base_url = base_url;
            let out = if output.is_absolute() {
                output
            } else {
                cli.root.join(output)
            };
            match rapport::build_to(&options, &out) {
                Ok(site) => {
                    eprintln!("built {} files into {}", site.files.len(), out.display());
                    ExitCode::SUCCESS
                }
                Err(errors) => report(&errors, &cli.root),
            }
        }
        Command::Check => match rapport::check::check(&BuildOptions::new(&cli.root)) {
            Ok(found) => {
                let color = std::io::stderr().is_terminal();
                for w in &found.warnings {
                    eprint!("warning: {}", diagnostic::render(w, color, &cli.root));
                }
                for e in &found.errors {
                    eprint!("{}", diagnostic::render(e, color, &cli.root));
                }
                eprintln!(
                    "check: {} errors, {} warnings",
                    found.errors.len(),
                    found.warnings.len()
                );
                if found.errors.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(errors) => report(&errors, &cli.root),
        },
        Command::Serve { port, bind, open } => {
            let options = rapport::serve::ServeOptions {
                build: BuildOptions::new(&cli.root),
                bind,
                port,
                open,
            };
            match rapport::serve::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    if matches!(e, rapport::serve::ServeError::Busy { .. }) {
                        eprintln!("help: stop the other server or pick a port with --port");
                    }
                    ExitCode::from(1)
                }
            }
        }
        Command::NewEdition { year, from } => {
            let content = cli.root.join("content");
            match rapport::new_edition::new_edition(&content, year, from) {
                Ok(made) => {
                    print!("{}", made.report(&cli.root));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    let color = std::io::stderr().is_terminal();
                    eprint!("{}", diagnostic::render(&e, color, &cli.root));
                    eprintln!("error: no edition was created");
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn report(errors: &Errors, root: &std::path::Path) -> ExitCode {
    let color = std::io::stderr().is_terminal();
    for e in &errors.0 {
        eprint!("{}", diagnostic::render(e, color, root));
    }
    eprintln!(
        "error: failed with {} error{}; public/ was left unchanged",
        errors.0.len(),
        if errors.0.len() == 1 { "" } else { "s" }
    );
    ExitCode::from(1)
}
