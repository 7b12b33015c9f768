#!/usr/bin/env python3
"""Check every fixture against MANIFEST.json.

Text files: decoded with the declared encoding, parsed with a small quote-aware parser that
also records which record terminators occur, compared cell by cell.
xlsx/ods: LibreOffice renders every sheet "as shown" to CSV (in the locale of the writer,
and in the other locale where the manifest lists locale-dependent cells); plus structural
checks with openpyxl / the raw XML (hidden sheets, merges, number formats, cached values).
csv-spectrum: each csv parsed and compared with its json.
"""
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
M = json.loads((HERE / "MANIFEST.json").read_text(encoding="utf-8"))
FAIL = []


def check(cond, msg):
    if not cond:
        FAIL.append(msg)
        print("FAIL:", msg)


def parse(text, sep):
    """-> (rows, set of record terminators). Quoted fields may contain sep, quotes, newlines."""
    rows, row, field, terms = [], [], [], set()
    i, n, inq, quoted = 0, len(text), False, False
    while i < n:
        ch = text[i]
        if inq:
            if ch == '"':
                if i + 1 < n and text[i + 1] == '"':
                    field.append('"')
                    i += 1
                else:
                    inq = False
            else:
                field.append(ch)
        elif ch == '"' and not field:
            inq = quoted = True
        elif ch == sep:
            row.append("".join(field))
            field, quoted = [], False
        elif ch in "\r\n":
            t = "\r\n" if text.startswith("\r\n", i) else ch
            terms.add(t)
            i += len(t) - 1
            row.append("".join(field))
            rows.append(row)
            row, field, quoted = [], [], False
        else:
            field.append(ch)
        i += 1
    if field or row:
        row.append("".join(field))
        rows.append(row)
    return rows, terms


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def to_cells(rows):
    out = {}
    for r, vals in enumerate(rows, start=1):
        for c, v in enumerate(vals):
            if v != "":
                out["%s%d" % (col(c), r)] = v
    return out


def manifest_cells(rows):
    return {"%s%d" % (k, r["row"]): v for r in rows for k, v in r["cells"].items()}


def compare(name, got, want):
    for k in sorted(set(got) | set(want)):
        g, w = got.get(k), want.get(k)
        if isinstance(w, dict):  # long cell described by length + hash
            ok = g is not None and len(g) == w["length"] and \
                hashlib.sha256(g.encode()).hexdigest() == w["sha256_utf8"]
            check(ok, "%s %s: long cell mismatch (len %s)" % (name, k, len(g or "")))
        else:
            check(g == w, "%s %s: got %r want %r" % (name, k, g, w))


ENC = {"UTF-8 with BOM": "utf-8", "Windows-1252": "cp1252", "UTF-8 without BOM": "utf-8",
       "UTF-16LE with BOM": "utf-16-le", "ASCII": "ascii"}
SEP = {",": ",", ";": ";", "TAB": "\t"}
TERM = {"CRLF": {"\r\n"}, "LF": {"\n"}, "CR": {"\r"}}


def verify_text(e):
    raw = (HERE / e["file"]).read_bytes()
    enc = next(v for k, v in ENC.items() if e["encoding"].startswith(k))
    if "BOM" in e["encoding"] and "without BOM" not in e["encoding"] and "no BOM" not in e["encoding"]:
        bom = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe"}[enc]
        check(raw.startswith(bom), e["file"] + ": BOM missing")
        raw = raw[len(bom):]
    else:
        check(not raw.startswith(b"\xef\xbb\xbf") and not raw.startswith(b"\xff\xfe"), e["file"] + ": unexpected BOM")
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            check(False, e["file"] + ": claims cp1252 but is valid UTF-8")
        except UnicodeDecodeError:
            pass
    text = raw.decode(enc)
    if "NFD" in e["encoding"]:
        check(unicodedata.is_normalized("NFD", text) and not unicodedata.is_normalized("NFC", text),
              e["file"] + ": not NFD")
        text = unicodedata.normalize("NFC", text)
    rows, terms = parse(text, SEP[e["separator"]])
    check(terms == TERM[e["line_ends"]], "%s: terminators %r, manifest says %s" % (e["file"], terms, e["line_ends"]))
    compare(e["file"], to_cells(rows), manifest_cells(e["cells"]))
    print("ok  " if not any(f.startswith(e["file"]) for f in FAIL) else "BAD ", e["file"],
          "(%d records, terminators %s)" % (len(rows), sorted(map(repr, terms))))


def lo_render(path, loc):
    lang = {"en": "en_US.UTF-8", "fr": "fr_FR.UTF-8"}[loc]
    env = {"LANG": lang, "LC_ALL": lang, "PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    with tempfile.TemporaryDirectory() as td:
        subprocess.run(["soffice", "-env:UserInstallation=file:///tmp/lo-verify-" + loc, "--headless", "--norestore",
                        "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                        "--outdir", td, str(path)], env=env, capture_output=True, timeout=300, check=True)
        out = {}
        stem = Path(path).stem
        for p in Path(td).iterdir():
            sheet = p.stem[len(stem) + 1:]
            out[sheet] = to_cells(parse(p.read_text(encoding="utf-8"), ",")[0])
        return out


def verify_book(e):
    f = HERE / e["file"]
    loc = "fr" if e["file"].startswith("lo-fr") else "en"
    shown = lo_render(f, loc)
    want = manifest_cells(e["cells"])
    want.update(e.get("cells_when_opened_in_LibreOffice", {}))
    compare(e["file"] + "[" + e["sheet"] + "," + loc + "]", shown.get(e["sheet"], {}), want)
    for o in e.get("other_sheets", []):
        compare(e["file"] + "[" + o["name"] + "]", shown.get(o["name"], {}), manifest_cells(o["cells"]))
    check(set(shown) == {e["sheet"]} | {o["name"] for o in e.get("other_sheets", [])},
          "%s: sheets %s" % (e["file"], sorted(shown)))
    for key, other in (("cells_when_viewed_in_fr_FR", "fr"), ("cells_when_viewed_in_en_US", "en")):
        if key in e:
            w = manifest_cells(e["cells"])
            w.update(e[key])
            compare(e["file"] + "[viewed " + other + "]", lo_render(f, other)[e["sheet"]], w)
    # structure
    if f.suffix == ".xlsx":
        import openpyxl
        wb = openpyxl.load_workbook(f)
        states = {ws.title: ws.sheet_state for ws in wb}
        for o in e.get("other_sheets", []):
            check(states.get(o["name"]) == o["state"], "%s: sheet %s state %s" % (e["file"], o["name"], states))
        check(states[e["sheet"]] == "visible", e["file"] + ": main sheet not visible")
        ws = wb[e["sheet"]]
        check(sorted(map(str, ws.merged_cells.ranges)) == sorted(e.get("merged", [])),
              "%s: merged %s" % (e["file"], ws.merged_cells.ranges))
        z = zipfile.ZipFile(f)
        if e["file"] == "openpyxl-features.xlsx":
            check(ws["H4"].value == 612345678 and ws["H4"].number_format == "0000000000", "H4 phone")
            check(ws["H5"].value == 33612345678 and ws["H5"].number_format == '"+"0', "H5 phone")
            check(ws["F4"].number_format == "dd/mm/yyyy hh:mm" and ws["F4"].is_date, "F4 date")
            xml = z.read("xl/worksheets/sheet2.xml").decode()
            for r in range(4, 8):
                check(re.search(r'<c r="I%d"><f>CONCATENATE\(B%d," ",C%d\)</f><v\s*/>' % (r, r, r), xml),
                      "I%d formula without cached value" % r)
            vals = openpyxl.load_workbook(f, data_only=True)[e["sheet"]]
            check(all(vals["I%d" % r].value is None for r in range(4, 8)), "openpyxl data_only sees None")
        if e["file"] == "xlsxwriter-full.xlsx":
            xml = z.read("xl/worksheets/sheet1.xml").decode()
            check(len(re.findall(r'<c r="I\d"><f>A\d&amp;" "&amp;B\d</f><v>0</v></c>', xml)) == 3, "xlsxwriter <v>0</v>")
            check(ws["G2"].number_format == "00000" and ws["G2"].value == 42, "G2 badge")
            check(ws["E2"].is_date and ws["E2"].number_format == "mm/dd/yyyy hh:mm", "E2 date")
    else:
        xml = zipfile.ZipFile(f).read("content.xml").decode()
        check("office:date-value=" in xml, e["file"] + ": no date cells")
        if e.get("other_sheets"):
            check('table:display="false"' in xml, e["file"] + ": no hidden sheet")
            check('number-rows-spanned="3"' in xml and 'number-columns-spanned="6"' in xml, e["file"] + ": merges")
            check('office:value="612345678"' in xml, e["file"] + ": phone not a number")
    print("ok  " if not any(x.startswith(e["file"]) for x in FAIL) else "BAD ", e["file"],
          "(LibreOffice render, sheets %s)" % sorted(shown))


def verify_spectrum():
    d = HERE / "csv-spectrum"
    for c in sorted((d / "csvs").glob("*.csv")):
        raw = c.read_bytes()
        rows, terms = parse(raw.decode("utf-8"), ",")
        want = json.loads((d / "json" / (c.stem + ".json")).read_text(encoding="utf-8"))
        got = [dict(zip(rows[0], r)) for r in rows[1:]] if rows else []
        check(got == want, "csv-spectrum %s: %r != %r" % (c.name, got, want))
        if c.stem.endswith("_crlf") and raw:
            check(terms == {"\r\n"}, "csv-spectrum %s terminators %r" % (c.name, terms))
    check((d / "LICENSE").exists(), "csv-spectrum LICENSE note")
    print("ok   csv-spectrum/ (%d csv files checked against json)" % len(list((d / "csvs").glob("*.csv"))))


for e in M:
    if e["file"] == "csv-spectrum/":
        verify_spectrum()
    elif e["encoding"].startswith(("xlsx", "ODF")):
        verify_book(e)
    else:
        verify_text(e)
    if e["file"] != "long-bio.csv" and not e["file"].endswith("/"):
        size = (HERE / e["file"]).stat().st_size
        check(size < 20500, "%s is %d bytes" % (e["file"], size))

print("\n%d failures" % len(FAIL))
sys.exit(1 if FAIL else 0)
