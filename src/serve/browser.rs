//! `--open`: the site in the default browser.

/// Open `url` in the default browser; a failure is only a warning.
pub fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match command.spawn() {
        Ok(mut child) => {
            // Reap it in the background so no zombie is left.
            let url = url.to_string();
            std::thread::spawn(move || match child.wait() {
                Ok(status) if !status.success() => {
                    eprintln!("warning: could not open a browser ({status}); open {url} yourself")
                }
                _ => {}
            });
        }
        Err(e) => eprintln!("warning: could not open a browser ({e}); open the URL yourself"),
    }
}
