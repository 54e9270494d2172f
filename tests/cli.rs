//! The CLI's error output: each error, fed in, gives its message with
//! file:line:column, exit code 1, and leaves the previous public/ untouched.
//! stderr is compared with snapshots in tests/snapshots/cli/.

mod support;

use support::{assert_snapshot, snapshot_tree, Project};

/// Build once, break something, build again: exit 1, stderr snapshot,
/// public/ unchanged.
fn broken_build(name: &str, breakage: impl FnOnce(&Project)) -> String {
    let p = Project::copy("minimal");
    assert!(p.run(&["build"]).status.success());
    let before = snapshot_tree(&p.path("public"));
    breakage(&p);
    let out = p.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "exit code for {name}");
    let stderr = p.stderr(&out);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        before == snapshot_tree(&p.path("public")),
        "public/ changed after a failed build"
    );
    assert_snapshot(&format!("cli/{name}.txt"), &stderr);
    stderr
}

#[test]
fn unknown_shortcode() {
    let err = broken_build("unknown_shortcode", |p| {
        p.write(
            "content/2018/01-innledning.md",
            "+++\ntitle = \"Innledning\"\n+++\n\nSom {{ figr(id=\"x\") }} viser.\n",
        );
    });
    assert!(err.contains("unknown shortcode `figr`"));
    assert!(err.contains("01-innledning.md:5:8"));
    assert!(err.contains("did you mean `figur`?"));
}

#[test]
fn missing_image() {
    let err = broken_build("missing_image", |p| {
        p.write(
            "content/2018/01-innledning.md",
            "+++\ntitle = \"Innledning\"\n+++\n\nTekst.\n\n![Kart over kommunene](filer/kart.png)\n",
        );
    });
    assert!(err.contains("image `filer/kart.png` not found"), "{err}");
    assert!(err.contains("01-innledning.md:7:"), "{err}");
}

#[test]
fn malformed_shortcode() {
    let err = broken_build("malformed_shortcode", |p| {
        p.write(
            "content/2018/01-innledning.md",
            "+++\ntitle = \"Innledning\"\n+++\n\nTekst {{ ref(id=\"x\" }}.\n",
        );
    });
    assert!(err.contains("expected `,` or `)`"));
    assert!(err.contains("01-innledning.md:5:21"));
}

#[test]
fn bad_front_matter() {
    let err = broken_build("bad_front_matter", |p| {
        p.write(
            "content/2018/01-innledning.md",
            "+++\ntitle = \"Innledning\"\ntittel = 3\n+++\n\nTekst.\n",
        );
    });
    assert!(err.contains("invalid front matter"));
    assert!(err.contains("01-innledning.md:3:1"));
}

#[test]
fn missing_front_matter() {
    let err = broken_build("missing_front_matter", |p| {
        p.write(
            "content/2018/01-innledning.md",
            "Tekst uten front matter.\n",
        );
    });
    assert!(err.contains("chapter has no front matter"));
}

#[test]
fn chapter_not_utf8() {
    let err = broken_build("not_utf8", |p| {
        p.write(
            "content/2018/01-innledning.md",
            b"+++\ntitle = \"Innledning\"\n+++\n\nBl\xe5b\xe6r\n".as_slice(),
        );
    });
    assert!(err.contains("not valid UTF-8"));
    assert!(err.contains("01-innledning.md:5:3"));
}

#[test]
fn missing_edition_file() {
    let err = broken_build("missing_utgave", |p| {
        std::fs::remove_file(p.path("content/2018/utgave.toml")).unwrap();
    });
    assert!(err.contains("utgave.toml"));
}

#[test]
fn invalid_edition_file() {
    let err = broken_build("invalid_utgave", |p| {
        p.write(
            "content/2018/utgave.toml",
            "title = \"X\"\nyear = \"totusenogatten\"\n",
        );
    });
    assert!(err.contains("invalid utgave.toml"));
    assert!(err.contains("utgave.toml:2:8"));
}

#[test]
fn template_error() {
    let err = broken_build("template_error", |p| {
        p.write(
            "templates/chapter.html",
            "{% extends \"base.html\" %}\n{% block main %}\n{% if %}\n{% endblock main %}\n",
        );
    });
    assert!(err.contains("chapter.html:3"));
}

#[test]
fn new_edition_creates_next_year_and_refuses_to_overwrite() {
    let p = Project::copy("minimal");
    let made = p.run(&["new-edition", "2019", "--from", "2018"]);
    assert_eq!(made.status.code(), Some(0), "{}", p.stderr(&made));
    assert!(p.path("content/2019/utgave.toml").is_file());
    let again = p.run(&["new-edition", "2019", "--from", "2018"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(p.stderr(&again).contains("already exists"));
}

#[test]
fn check_reports_broken_anchor_and_writes_nothing() {
    let p = Project::copy("minimal");
    p.write(
        "content/2018/00-sammendrag.md",
        "+++\ntitle = \"Sammendrag\"\nnumbered = false\n+++\n\nSe [her](#finnes-ikke).\n",
    );
    let out = p.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = p.stderr(&out);
    assert!(stderr.contains("broken link `#finnes-ikke`"), "{stderr}");
    assert!(stderr.contains("2018/sammendrag/index.html"), "{stderr}");
    assert!(!p.path("public").exists(), "check writes nothing");
}

#[test]
fn check_passes_a_clean_site() {
    let p = Project::copy("minimal");
    let out = p.run(&["check"]);
    assert!(out.status.success(), "{}", p.stderr(&out));
    assert!(p.stderr(&out).contains("check: 0 errors"));
}
