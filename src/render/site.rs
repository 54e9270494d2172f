//! Site-wide pages: 404, the accessibility statement, and the sitemap.

use serde_json::json;

use crate::config::Config;
use crate::error::Error;

use super::assets::Assets;
use super::pages::{base_context, canonical, page};
use super::Files;

/// The 404 page, the accessibility statement and `sitemap.xml`.
pub fn site_pages(
    config: &Config,
    tera: &tera::Tera,
    assets: &Assets,
    page_paths: &[String],
    files: &mut Files,
) -> Result<(), Error> {
    // The 404 page is served for any missing path, so its links cannot be
    // relative: they start from the base URL's path.
    let mut ctx = base_context(config, assets);
    let base_path = base_path(&config.base_url);
    ctx.insert("editions", &Vec::<serde_json::Value>::new());
    let mut html = Files::new();
    page(
        tera,
        "404.html",
        ctx,
        "404.html",
        json!({"title": config.labels.not_found_title, "kind": "404"}),
        &config.base_url,
        &mut html,
    )?;
    if let Some(bytes) = html.remove("404.html") {
        let text = String::from_utf8_lossy(&bytes).to_string();
        // `root` is "" at the site root; make links absolute from the base path.
        let text = text
            .replace(
                "href=\"index.html\"",
                &format!("href=\"{base_path}index.html\""),
            )
            .replace("href=\"theme/", &format!("href=\"{base_path}theme/"))
            .replace("src=\"theme/", &format!("src=\"{base_path}theme/"))
            .replace(
                "href=\"tilgjengelighet/",
                &format!("href=\"{base_path}tilgjengelighet/"),
            );
        files.insert("404.html".into(), text.into_bytes());
    }

    let mut ctx = base_context(config, assets);
    ctx.insert("editions", &Vec::<serde_json::Value>::new());
    let mut statement_html = String::new();
    pulldown_cmark::html::push_html(
        &mut statement_html,
        pulldown_cmark::Parser::new(&config.accessibility.text),
    );
    ctx.insert(
        "accessibility",
        &json!({
            "title": config.accessibility.title,
            "html": statement_html,
            "contact": config.accessibility.contact,
        }),
    );
    page(
        tera,
        "tilgjengelighet.html",
        ctx,
        "tilgjengelighet/index.html",
        json!({"title": config.accessibility.title, "kind": "accessibility"}),
        &config.base_url,
        files,
    )?;

    let mut sitemap_paths = page_paths.to_vec();
    sitemap_paths.push("tilgjengelighet/index.html".into());
    if let Some(sitemap) = sitemap(&config.base_url, &sitemap_paths) {
        files.insert("sitemap.xml".into(), sitemap.into_bytes());
    }
    Ok(())
}

/// The path part of the base URL: `https://x.no/r/` → `/r/`.
fn base_path(base_url: &str) -> String {
    match base_url.split_once("://") {
        Some((_, rest)) => match rest.find('/') {
            Some(i) => rest[i..].to_string(),
            None => "/".to_string(),
        },
        None => base_url.to_string(),
    }
}

/// `sitemap.xml` for an absolute base URL (sitemaps need absolute URLs).
fn sitemap(base_url: &str, page_paths: &[String]) -> Option<String> {
    canonical(base_url, "")?;
    let mut paths: Vec<&String> = page_paths
        .iter()
        .filter(|p| p.as_str() != "404.html")
        .collect();
    paths.sort();
    paths.dedup();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in paths {
        let url = canonical(base_url, p)?;
        out.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            super::escape::html(&url)
        ));
    }
    out.push_str("</urlset>\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(
            base_path("https://example.no/rapporter/ku/"),
            "/rapporter/ku/"
        );
        assert_eq!(base_path("https://example.no"), "/");
        assert_eq!(base_path("/"), "/");
    }

    #[test]
    fn sitemap_needs_absolute_base() {
        assert!(sitemap("/", &["index.html".into()]).is_none());
        let s = sitemap(
            "https://x.no/r/",
            &["index.html".into(), "2018/intro/index.html".into()],
        )
        .unwrap();
        assert!(s.contains("<loc>https://x.no/r/</loc>"));
        assert!(s.contains("<loc>https://x.no/r/2018/intro/</loc>"));
    }
}
