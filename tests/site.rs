//! Whole fixture sites built into a temporary folder.

mod support;

use support::{snapshot_tree, Project};

#[test]
fn builds_every_page_with_lang_nb() {
    let p = Project::copy("minimal");
    let out = p.run(&["build"]);
    assert!(out.status.success(), "{}", p.stderr(&out));
    for page in [
        "public/index.html",
        "public/2018/index.html",
        "public/2018/sammendrag/index.html",
        "public/2018/innledning/index.html",
        "public/2018/utskrift/index.html",
        "public/404.html",
        "public/tilgjengelighet/index.html",
    ] {
        let html = p.read(page);
        assert!(html.contains("<html lang=\"nb\">"), "{page}");
        assert_eq!(html.matches("<h1").count(), 1, "{page} has one h1");
    }
    let sitemap = p.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.no/rapporter/test/2018/innledning/</loc>"));
}

#[test]
fn two_builds_are_byte_identical() {
    let p = Project::copy("minimal");
    assert!(p.run(&["build"]).status.success());
    let first = snapshot_tree(&p.path("public"));
    assert!(p.run(&["build"]).status.success());
    let second = snapshot_tree(&p.path("public"));
    assert_eq!(first.len(), second.len());
    for ((a, ab), (b, bb)) in first.iter().zip(&second) {
        assert_eq!(a, b);
        assert!(ab == bb, "{a} differs between builds");
    }
}

#[test]
fn chapter_page_has_numbered_sections_footnotes_and_links() {
    let p = Project::copy("minimal");
    assert!(p.run(&["build"]).status.success());
    let html = p.read("public/2018/innledning/index.html");
    assert!(html.contains("<h2 id=\"om-undersokelsen\"><span class=\"section-number\">1.1</span> Om undersøkelsen</h2>"));
    assert!(html.contains("<section class=\"footnotes\""));
    assert!(html.contains("href=\"#fnref-1\""));
    // literal braces and escaped shortcodes print as written
    assert!(html.contains("Skriv {{ for klammer"));
    assert!(
        html.contains("{{ andel(figur=\"x\", svar=\"Ja\") }}")
            || html.contains("{{ andel(figur=&quot;x&quot;, svar=&quot;Ja&quot;) }}")
    );
    // previous/next and relative links to the fingerprinted theme
    assert!(html.contains("rel=\"prev\""));
    assert!(html.contains("href=\"../../theme/style."));
    let summary = p.read("public/2018/sammendrag/index.html");
    assert!(summary.contains("«sammendrag» – kort"));
    assert!(summary.contains("href=\"../innledning/index.html#om-undersokelsen\""));
}

#[test]
fn front_page_lists_chapters_with_section_numbers() {
    let p = Project::copy("minimal");
    assert!(p.run(&["build"]).status.success());
    let html = p.read("public/2018/index.html");
    assert!(html.contains("<span class=\"section-number\">1</span> Innledning"));
    assert!(html.contains("<span class=\"section-number\">1.2</span> Datagrunnlag og metode"));
    assert!(html.contains("5. desember 2018–23. januar 2019"));
    // the site root is the newest edition's front page with working links
    let root = p.read("public/index.html");
    assert!(root.contains("href=\"2018/innledning/index.html\""));
}

#[test]
fn print_page_holds_all_chapters_with_unique_ids() {
    let p = Project::copy("minimal");
    assert!(p.run(&["build"]).status.success());
    let html = p.read("public/2018/utskrift/index.html");
    assert!(html.contains("id=\"kapittel-sammendrag\""));
    assert!(html.contains("id=\"kapittel-innledning\""));
    assert!(html.contains("id=\"innledning-om-undersokelsen\""));
    assert!(
        html.contains("href=\"#innledning-om-undersokelsen\""),
        "links between chapters stay on the page"
    );
}

#[test]
fn user_templates_override_the_built_in_ones() {
    let p = Project::copy("minimal");
    p.write(
        "templates/chapter.html",
        "{% extends \"base.html\" %}{% block main %}<h1>EGEN MAL</h1>{{ content | safe }}{% endblock main %}",
    );
    assert!(p.run(&["build"]).status.success());
    assert!(p
        .read("public/2018/innledning/index.html")
        .contains("EGEN MAL"));
}

#[test]
fn base_url_flag_overrides_config() {
    let p = Project::copy("minimal");
    let out = p.run(&["build", "--base-url", "https://annet.no/sti"]);
    assert!(out.status.success());
    let html = p.read("public/2018/index.html");
    assert!(html.contains("<link rel=\"canonical\" href=\"https://annet.no/sti/2018/\">"));
}
