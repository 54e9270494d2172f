//! Post-processing of ECharts' SVG: ids prefixed per figure, a responsive
//! root element with `role="img"`, `<title>` and `<desc>`.

use super::error::ChartError;

/// Escape text for XML/HTML content and attribute values.
pub use crate::render::escape::html as escape;

/// Replace zrender's ids (`zr0-c0`, `zr12-p3`, in `id="…"`, `url(#…)` and
/// `href="#…"`) with ids prefixed by `prefix`. zrender numbers its
/// instances per runtime, so the raw ids depend on which thread drew the
/// chart and collide between charts on one page.
pub fn prefix_ids(svg: &str, prefix: &str) -> String {
    let bytes = svg.as_bytes();
    let mut out = String::with_capacity(svg.len() + 64);
    let mut last = 0;
    let mut i = 0;
    while i + 3 < bytes.len() {
        // `"zr` opens an attribute value; `#zr` counts only in `url(#` and
        // `href="#` (label text cannot contain a raw `"`: it is escaped).
        let opens = bytes[i] == b'"'
            || (bytes[i] == b'#' && i > 0 && (bytes[i - 1] == b'(' || bytes[i - 1] == b'"'));
        let starts_id =
            opens && bytes[i + 1] == b'z' && bytes[i + 2] == b'r' && bytes[i + 3].is_ascii_digit();
        if starts_id {
            let mut j = i + 3;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'-' {
                out.push_str(&svg[last..=i]);
                out.push_str(prefix);
                last = j; // keep the '-'
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&svg[last..]);
    out
}

/// Remove what a static, valid SVG does not need and what would make the
/// output depend on how many charts a runtime drew before: the hover
/// `<style>` block, zrender's numbered `class` names, ECharts'
/// non-standard `ecmeta_*` attributes and `xml:space`.
pub fn strip_noise(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    // The <style> element(s).
    while let Some(start) = rest.find("<style") {
        out.push_str(&rest[..start]);
        match rest[start..].find("</style>") {
            Some(end) => rest = &rest[start + end + "</style>".len()..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    let mut cleaned = String::with_capacity(out.len());
    let mut rest = out.as_str();
    loop {
        let class = rest.find(" class=\"zr");
        let meta = rest.find(" ecmeta_");
        let next = match (class, meta) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => break,
        };
        cleaned.push_str(&rest[..next]);
        let after = &rest[next + 1..];
        // Skip `name="value"`.
        let skip = after
            .find('"')
            .and_then(|q| after[q + 1..].find('"').map(|e| q + 1 + e + 1));
        match skip {
            Some(len) => rest = &after[len..],
            None => {
                rest = after;
                cleaned.push(' ');
            }
        }
    }
    cleaned.push_str(rest);
    // Labels are trimmed and wrapped in Rust, so collapsing runs of spaces
    // changes nothing; the attribute only upsets HTML validators.
    cleaned.replace(" xml:space=\"preserve\"", "")
}

/// Turn ECharts' SVG into the figure's inline SVG.
pub fn finish(
    raw: &str,
    id: &str,
    width: u32,
    height: u32,
    title: &str,
    description: &str,
) -> Result<String, ChartError> {
    let raw = raw.trim();
    if !raw.starts_with("<svg") || !raw.ends_with("</svg>") {
        return Err(ChartError::Svg(format!(
            "expected an <svg> element, got {:?}",
            raw.chars().take(40).collect::<String>()
        )));
    }
    let open_end = raw
        .find('>')
        .ok_or_else(|| ChartError::Svg("unterminated <svg> tag".into()))?;
    let xlink = if raw[open_end..].contains("xlink:") {
        " xmlns:xlink=\"http://www.w3.org/1999/xlink\""
    } else {
        ""
    };
    let body = prefix_ids(&strip_noise(&raw[open_end + 1..]), id);
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\"{xlink} viewBox=\"0 0 {width} {height}\" width=\"100%\" \
         style=\"max-width:{max}px;height:auto\" class=\"rapport-chart\" role=\"img\" aria-labelledby=\"{title_id} {desc_id}\">\
         <title id=\"{title_id}\">{}</title><desc id=\"{desc_id}\">{}</desc>{body}",
        escape(title),
        escape(description),
        max = super::theme::MAX_DISPLAY_WIDTH,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_zrender_ids() {
        let svg = r##"<g clip-path="url(#zr3-c0)"><clipPath id="zr3-c0"/><use href="#zr3-p1"/><text>zr3-c0 #zr3-c1 &quot;zr3-x</text>"##;
        let out = prefix_ids(svg, "fig-a");
        assert_eq!(
            out,
            r##"<g clip-path="url(#fig-a-c0)"><clipPath id="fig-a-c0"/><use href="#fig-a-p1"/><text>zr3-c0 #zr3-c1 &quot;zr3-x</text>"##
        );
    }

    #[test]
    fn strips_hover_styles_classes_and_meta() {
        let svg = "<path d=\"M0 0\" ecmeta_series_index=\"0\" ecmeta_ssr_type=\"chart\" class=\"zr4-cls-12\"></path>\
                   <text xml:space=\"preserve\">a b</text><style ><![CDATA[.zr4-cls-12:hover{}]]></style></svg>";
        assert_eq!(
            strip_noise(svg),
            "<path d=\"M0 0\"></path><text>a b</text></svg>"
        );
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
    }

    #[test]
    fn wraps_root_with_title_and_desc() {
        let raw = r#"<svg width="10" height="5" xmlns="http://www.w3.org/2000/svg"><rect id="zr0-c0"/></svg>"#;
        let out = finish(raw, "f1", 10, 5, "Tittel <1>", "Beskrivelse").unwrap();
        assert!(out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 5\""));
        assert!(out.contains("role=\"img\" aria-labelledby=\"f1-title f1-desc\""));
        assert!(out.contains("<title id=\"f1-title\">Tittel &lt;1&gt;</title>"));
        assert!(out.contains("<rect id=\"f1-c0\"/>"));
        assert!(finish("oops", "f1", 1, 1, "", "").is_err());
    }
}
