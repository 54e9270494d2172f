//! The incremental builder against the reference: after every kind of edit
//! it redoes only the stages that depend on the edit, and its files equal a
//! fresh `build()` byte for byte.

use std::path::Path;

use super::{build, BuildOptions, Builder, Rebuilt};

/// A copy of `tests/fixtures/minimal` in a temporary folder.
fn fixture() -> tempfile::TempDir {
    fixture_named("minimal")
}

/// A copy of `tests/fixtures/<name>` in a temporary folder.
fn fixture_named(name: &str) -> tempfile::TempDir {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(&src).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    dir
}

fn options(root: &Path) -> BuildOptions {
    let mut options = BuildOptions::new(root);
    options.chart_cache = None;
    options
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Rebuild, and check the files equal a fresh build.
fn rebuild(builder: &mut Builder) -> Rebuilt {
    let report = builder.rebuild().unwrap();
    let fresh = build(builder.options()).unwrap();
    assert_eq!(
        builder.files().keys().collect::<Vec<_>>(),
        fresh.files.keys().collect::<Vec<_>>()
    );
    assert!(*builder.files() == fresh.files, "same bytes as build()");
    report
}

const CHAPTER: &str = "content/2018/01-innledning.md";

#[test]
fn first_build_does_everything() {
    let dir = fixture();
    let mut builder = Builder::new(options(dir.path()));
    let r = rebuild(&mut builder);
    assert_eq!(r.data_loaded, vec![2018]);
    assert_eq!(r.computed, vec![2018]);
    assert_eq!(r.rendered, vec![2018]);
    assert!(r.templates_loaded && r.theme_loaded);
    assert!(builder.files().contains_key("2018/innledning/index.html"));
}

#[test]
fn nothing_changed_redoes_nothing() {
    let dir = fixture();
    let mut builder = Builder::new(options(dir.path()));
    rebuild(&mut builder);
    // An editor's swap file is not an input.
    write(dir.path(), "content/2018/.01-innledning.md.swp", "x");
    let r = rebuild(&mut builder);
    assert!(r.data_loaded.is_empty() && r.computed.is_empty() && r.rendered.is_empty());
    assert!(!r.templates_loaded && !r.theme_loaded);
}

#[test]
fn prose_edit_renders_without_computing() {
    let dir = fixture();
    let mut builder = Builder::new(options(dir.path()));
    rebuild(&mut builder);
    let text = std::fs::read_to_string(dir.path().join(CHAPTER)).unwrap();
    write(
        dir.path(),
        CHAPTER,
        &text.replace("gjennomført i 2018", "gjennomført i desember 2018"),
    );
    let r = rebuild(&mut builder);
    assert_eq!(r.rendered, vec![2018]);
    assert!(r.data_loaded.is_empty() && r.computed.is_empty());
    assert!(!r.templates_loaded && !r.theme_loaded);
    let page = String::from_utf8_lossy(&builder.files()["2018/innledning/index.html"]).to_string();
    assert!(page.contains("gjennomført i desember 2018"));
    // Only the edited chapter is rendered again: the other chapter (on its
    // page and on the print page) is reused.
    assert_eq!(r.chapters_reused, 2);
}

#[test]
fn prose_edit_reuses_drawn_figures() {
    let dir = fixture_named("checks");
    let mut builder = Builder::new(options(dir.path()));
    rebuild(&mut builder);
    let chapter = "content/2018/01-funn.md";
    let text = std::fs::read_to_string(dir.path().join(chapter)).unwrap();
    write(
        dir.path(),
        chapter,
        &text.replace("Det er 71 prosent", "Det er sjeldent"),
    );
    let r = rebuild(&mut builder);
    assert_eq!(r.blocks_reused, 1, "the figure is not drawn again");
    assert_eq!(r.chapters_reused, 0, "the only chapter changed");
}

#[test]
fn template_and_theme_edits_do_not_compute() {
    let dir = fixture();
    let mut builder = Builder::new(options(dir.path()));
    rebuild(&mut builder);
    let chapter = include_str!("../../templates/chapter.html");
    write(
        dir.path(),
        "templates/chapter.html",
        &format!("{chapter}\n{{# endret #}}\n"),
    );
    let r = rebuild(&mut builder);
    assert!(r.templates_loaded && !r.theme_loaded);
    assert!(r.data_loaded.is_empty() && r.computed.is_empty());
    assert_eq!(r.rendered, vec![2018]);

    write(dir.path(), "theme/extra.css", "p { color: black }");
    let r = rebuild(&mut builder);
    assert!(r.theme_loaded && !r.templates_loaded);
    assert!(r.data_loaded.is_empty() && r.computed.is_empty());
}

#[test]
fn spec_edit_computes_without_loading_data() {
    let dir = fixture();
    let mut builder = Builder::new(options(dir.path()));
    rebuild(&mut builder);
    write(dir.path(), "content/2018/figurer.toml", "# ingen figurer\n");
    let r = rebuild(&mut builder);
    assert!(r.data_loaded.is_empty());
    assert_eq!(r.computed, vec![2018]);
    assert_eq!(r.rendered, vec![2018]);
}

#[test]
fn data_edit_loads_and_computes_again() {
    let dir = fixture();
    let mut builder = Builder::new(options(dir.path()));
    rebuild(&mut builder);
    write(
        dir.path(),
        "content/2018/data/ekstra.csv",
        "kommunenr\n0301\n",
    );
    let r = rebuild(&mut builder);
    assert_eq!(r.data_loaded, vec![2018]);
    assert_eq!(r.computed, vec![2018]);
}

#[test]
fn error_keeps_the_last_good_site_and_recovers() {
    let dir = fixture();
    let mut builder = Builder::new(options(dir.path()));
    rebuild(&mut builder);
    let good = builder.files().clone();
    let text = std::fs::read_to_string(dir.path().join(CHAPTER)).unwrap();
    write(
        dir.path(),
        CHAPTER,
        &format!("{text}\n{{{{ figr(id=\"x\") }}}}\n"),
    );
    let errors = builder.rebuild().unwrap_err();
    assert!(errors.0[0].to_string().contains("figr"), "{}", errors.0[0]);
    assert!(*builder.files() == good);
    write(dir.path(), CHAPTER, &text);
    let r = rebuild(&mut builder);
    assert_eq!(r.rendered, vec![2018]);
    assert!(*builder.files() == good);
}

#[test]
fn new_edition_and_removed_edition() {
    let dir = fixture();
    let mut builder = Builder::new(options(dir.path()));
    rebuild(&mut builder);
    let src = dir.path().join("content/2018");
    write(
        dir.path(),
        "content/2019/utgave.toml",
        &std::fs::read_to_string(src.join("utgave.toml"))
            .unwrap()
            .replace("2018", "2019"),
    );
    write(
        dir.path(),
        "content/2019/01-innledning.md",
        "+++\ntitle = \"Innledning\"\n+++\n\nNytt år.\n",
    );
    let r = rebuild(&mut builder);
    assert_eq!(r.data_loaded, vec![2019]);
    assert!(r.rendered.contains(&2019));
    assert!(builder.files().contains_key("2019/innledning/index.html"));
    std::fs::remove_dir_all(dir.path().join("content/2019")).unwrap();
    rebuild(&mut builder);
    assert!(!builder.files().contains_key("2019/innledning/index.html"));
}
