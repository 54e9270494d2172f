"""Writing CSV, TOML and JSON-stat files byte-for-byte deterministically."""

import json
import os


def write_bytes(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def csv_text(header, rows, delimiter=";", newline="\n"):
    """Rows are lists of cells (str, int or None for missing)."""
    def cell(v):
        if v is None:
            return ""
        s = str(v)
        if delimiter in s or '"' in s or "\n" in s:
            raise ValueError(f"cell needs quoting: {s!r}")
        return s
    lines = [delimiter.join(header)]
    lines += [delimiter.join(cell(v) for v in row) for row in rows]
    return newline.join(lines) + newline


def write_csv(path, header, rows, delimiter=";", encoding="utf-8", newline="\n"):
    write_bytes(path, csv_text(header, rows, delimiter, newline).encode(encoding))


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return toml_str(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    if isinstance(v, Raw):
        return v.text
    raise TypeError(type(v))


class Raw:
    """A TOML value written verbatim (dates)."""

    def __init__(self, text):
        self.text = text


def toml_table_body(d):
    """key = value lines; lists of inline tables are written one per line."""
    out = []
    for k, v in d.items():
        if isinstance(v, list) and v and isinstance(v[0], dict):
            out.append(f"{k} = [")
            out += [f"  {toml_value(x)}," for x in v]
            out.append("]")
        else:
            out.append(f"{k} = {toml_value(v)}")
    return out


def write_jsonstat(path, label, source, note, series, years, values):
    """JSON-stat 2.0 dataset with dimensions `serie` x `aar`."""
    doc = {
        "version": "2.0",
        "class": "dataset",
        "label": label,
        "source": source,
        "note": note,
        "id": ["serie", "aar"],
        "size": [len(series), len(years)],
        "role": {"time": ["aar"]},
        "dimension": {
            "serie": {"label": "Serie", "category": {
                "index": {k: i for i, (k, _) in enumerate(series)},
                "label": {k: lab for k, lab in series}}},
            "aar": {"label": "År", "category": {
                "index": {str(y): i for i, y in enumerate(years)},
                "label": {str(y): str(y) for y in years}}},
        },
        "value": [v for k, _ in series for v in values[k]],
    }
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    write_bytes(path, text.encode("utf-8"))
