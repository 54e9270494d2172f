#!/usr/bin/env python3
"""The prose of a rapport project as a Hugo site and an mdBook, shortcodes
stripped: the Markdown-to-HTML baseline of the benchmark.

    python3 bench/scale/baselines.py PROJECT OUT

writes OUT/hugo (hugo.toml, minimal layouts, content/<year>/<slug>.md) and
OUT/mdbook (book.toml, src/SUMMARY.md, src/<year>/<slug>.md). Figure and
table shortcodes are dropped; value shortcodes become a number, so both
tools render the same words rapport renders. Python standard library only.
"""

import os
import re
import shutil
import sys

SHORTCODE = re.compile(r"\{\{\s*([a-z_]+)\s*\((.*?)\)\s*\}\}")
BLOCKS = {"figur", "tabell"}

LAYOUT = """<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
"""
SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}
"""
LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"""


def strip(text):
    def repl(m):
        return "" if m.group(1) in BLOCKS else "42"
    return SHORTCODE.sub(repl, text)


def split_front_matter(text):
    if text.startswith("+++"):
        end = text.find("\n+++", 3)
        if end >= 0:
            return text[3:end].strip(), text[end + 4:].lstrip("\n")
    return "", text


def title_of(front):
    m = re.search(r'^title\s*=\s*"(.*)"\s*$', front, re.M)
    return m.group(1) if m else "Uten tittel"


def chapters(project):
    content = os.path.join(project, "content")
    for year in sorted(os.listdir(content)):
        d = os.path.join(content, year)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if re.match(r"^\d+-.*\.md$", name):
                with open(os.path.join(d, name), encoding="utf-8") as f:
                    yield year, name[:-3], f.read()


def main(project, out):
    if os.path.exists(out):
        shutil.rmtree(out)
    hugo = os.path.join(out, "hugo")
    book = os.path.join(out, "mdbook")
    for d in [os.path.join(hugo, "layouts", "_default"), os.path.join(book, "src")]:
        os.makedirs(d)
    with open(os.path.join(hugo, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://example.no/"\nlanguageCode = "nb"\ntitle = "Baseline"\n'
                'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n')
    for name, text in [("baseof.html", LAYOUT), ("single.html", SINGLE), ("list.html", LIST)]:
        with open(os.path.join(hugo, "layouts", "_default", name), "w") as f:
            f.write(text)
    with open(os.path.join(book, "book.toml"), "w") as f:
        f.write('[book]\ntitle = "Baseline"\nlanguage = "nb"\n\n[output.html]\n'
                'search.enable = false\n')
    summary = ["# Summary", ""]
    count = 0
    for year, slug, text in chapters(project):
        front, body = split_front_matter(text)
        body = strip(body)
        title = title_of(front)
        path = os.path.join(hugo, "content", year, slug + ".md")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"+++\n{front}\n+++\n\n{body}")
        path = os.path.join(book, "src", year, slug + ".md")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"# {title}\n\n{body}")
        summary.append(f"- [{title} ({year})]({year}/{slug}.md)")
        count += 1
    with open(os.path.join(book, "src", "SUMMARY.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(summary) + "\n")
    print(f"baselines: {count} chapters into {out}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
