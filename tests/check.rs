//! `rapport check` fed a fixture with each problem it reports: errors give
//! exit 1, warnings are printed, and every message names the file and line.

mod support;

use support::Project;

fn check(p: &Project) -> (Option<i32>, String) {
    let out = p.run(&["check"]);
    (out.status.code(), p.stderr(&out))
}

#[test]
fn reports_every_problem_with_its_location() {
    let p = Project::copy("checks");
    let (code, err) = check(&p);
    assert_eq!(code, Some(1), "a broken anchor is an error: {err}");
    let expect = [
        (
            "broken link `#finnes-ikke`",
            "content/2018/01-funn.md:15:32",
        ),
        (
            "heading level skips from h2 to h4",
            "content/2018/01-funn.md:11:1",
        ),
        ("image without alt text", "content/2018/01-funn.md:13:1"),
        (
            "the number 71 is typed literally",
            "content/2018/01-funn.md:7:",
        ),
        (
            "figure `resultatmaal` has N = 7, below the small-number threshold 10",
            "content/2018/figurer.toml:1:1",
        ),
        (
            "figure `naer` is defined but never placed",
            "content/2018/figurer.toml:14:1",
        ),
    ];
    for (message, location) in expect {
        let at = err
            .find(message)
            .unwrap_or_else(|| panic!("missing `{message}` in:\n{err}"));
        let rest = &err[at..];
        let next = rest[1..].find('×').map_or(rest.len(), |i| i + 1);
        assert!(
            rest[..next].contains(location),
            "`{message}` should name {location}:\n{}",
            &rest[..next]
        );
    }
    // The same broken link on the print page is reported once, at its source.
    assert_eq!(err.matches("broken link").count(), 1, "{err}");
    assert!(err.contains("check: 1 errors, 13 warnings"), "{err}");
}

#[test]
fn reference_to_unknown_figure_is_an_error() {
    let p = Project::copy("checks");
    p.write(
        "content/2018/01-funn.md",
        "+++\ntitle = \"Funn\"\n+++\n\nSe {{ ref(id=\"resultatmal\") }}.\n\n{{ figur(id=\"resultatmaal\") }}\n",
    );
    let (code, err) = check(&p);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("no figure or table `resultatmal` is placed in this edition"),
        "{err}"
    );
    assert!(err.contains("did you mean `resultatmaal`?"), "{err}");
    assert!(err.contains("content/2018/01-funn.md:5:4"), "{err}");
}

#[test]
fn placing_an_unknown_or_hidden_figure_is_an_error() {
    let p = Project::copy("checks");
    p.write(
        "content/2018/01-funn.md",
        "+++\ntitle = \"Funn\"\n+++\n\n{{ figur(id=\"naer-merged\") }}\n\n{{ figur(id=\"nar\") }}\n",
    );
    let (code, err) = check(&p);
    assert_eq!(code, Some(1));
    assert!(err.contains("publish = false"), "{err}");
    assert!(err.contains("no figure `nar` in this edition"), "{err}");
    assert!(err.contains("did you mean `naer`?"), "{err}");
}

#[test]
fn check_writes_nothing() {
    let p = Project::copy("checks");
    let _ = check(&p);
    assert!(!p.path("public").exists());
}
