#!/usr/bin/env python3
"""Regenerate the delegation-list spreadsheet fixtures and MANIFEST.json.

Usage:  python3 make.py            (everything; LibreOffice steps need `soffice`)
        python3 make.py --no-lo     (skip the LibreOffice-written files)

People: the Kenyan and U.S. names/titles come from /work/shared/seed-article.txt
(Kenya-U.S. talks in Washington).  The Prime Cabinet Secretary is not named in
the article, so he is not listed.  French names and "Aide One"-style names are
fictional.  Phone numbers: 555-01xx (U.S. fiction range) and 06 12 34 56 78.

Nothing here needs cargo.  Files are written next to this script.
"""
import csv
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent
NO_LO = "--no-lo" in sys.argv
MANIFEST = []


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def grid_rows(grid, first_row=1):
    """grid (list of lists of displayed strings) -> manifest rows, empty cells/rows omitted."""
    rows = []
    for r, vals in enumerate(grid):
        cells = {col(c): v for c, v in enumerate(vals) if v not in ("", None)}
        if cells:
            rows.append({"row": first_row + r, "cells": cells})
    return rows


def add(file, written_by, encoding, separator, line_ends, header_row, cells, notes, **extra):
    entry = {"file": file, "written_by": written_by, "encoding": encoding,
             "separator": separator, "line_ends": line_ends, "header_row": header_row}
    entry.update(extra)
    entry["cells"] = cells
    entry["notes"] = notes
    MANIFEST.append(entry)


# --------------------------------------------------------------------------
# Excel-style delimited text writer
# --------------------------------------------------------------------------
def excel_field(v, sep):
    if any(ch in v for ch in (sep, '"', "\n", "\r")):
        return '"' + v.replace('"', '""') + '"'
    return v


def excel_text(grid, sep, eol, pad=True):
    width = max(len(r) for r in grid)
    lines = []
    for r in grid:
        r = list(r) + [""] * (width - len(r)) if pad else list(r)
        lines.append(sep.join(excel_field(v, sep) for v in r))
    return eol.join(lines) + eol


def write_bytes(name, data):
    (OUT / name).write_bytes(data)


# --------------------------------------------------------------------------
# Shared content
# --------------------------------------------------------------------------
SINGOEI = "Korir Sing\u2019oei"          # curly apostrophe as in the article
HOTEL_2LINE_LF = "Willard InterContinental\n1401 Pennsylvania Ave NW"
DIET_2LINE_CRLF = "Vegetarian\r\nNo nuts"

KENYA = [
    ["Kenya delegation", "", "", "", "19/01/2027", "", "", "", ""],
    [""] * 9,
    ["Title", "Name", "Position", "Ministry", "Role", "Arrival", "Departure", "Hotel", "Dietary"],
    ["Dr.", SINGOEI, "Principal Secretary for Foreign Affairs", "Ministry of Foreign and Diaspora Affairs",
     "Delegation member", "19/01/2027 06:30", "23/01/2027 18:45", HOTEL_2LINE_LF, ""],
    ["Amb.", "Monica Juma", "National Security Advisor", "", "Delegation member",
     "19/01/2027 06:30", "23/01/2027 18:45", "Willard InterContinental", DIET_2LINE_CRLF],
    ["", "David Kerich", "Kenyan Ambassador to the United States", "Embassy of Kenya, Washington",
     "Resident", "", "", "", ""],
    ["", "Christopher Kirigua", "Deputy Ambassador", "Embassy of Kenya, Washington",
     "Resident", "", "", "", ""],
    ["Mr.", "Aide One", "Aide to the Prime Cabinet Secretary", "Office of the Prime Cabinet Secretary",
     "Support staff", "20/01/2027 14:10", "23/01/2027 18:45", "Willard InterContinental",
     'No pork; "halal" if possible'],
]

FR_HEAD = ["Civilité", "Prénom", "Nom", "Fonction", "Ministère", "Rôle", "Arrivée", "Départ", "Vol",
           "Hôtel", "Régime alimentaire", "Langues", "Interprétation", "Téléphone"]
MEAE = "Ministère de l\u2019Europe et des Affaires étrangères"
FRANCE = [
    FR_HEAD,
    ["Mme", "Hélène", "Dupré", "Conseillère Afrique", MEAE, "Cheffe de délégation",
     "19/01/2027 06:30", "23/01/2027 18:45", "AF 028", "Willard InterContinental", "Sans porc",
     "français, anglais", "Non", "06 12 34 56 78"],
    ["M.", "François", "Lefèvre", "Conseiller commercial", "Ministère de l\u2019Économie et des Finances",
     "Membre", "19/01/2027 06:30", "23/01/2027 18:45", "AF 028", "Willard InterContinental",
     "Sans gluten ; sans lactose", "français, anglais, espagnol", "Oui", "+33 6 12 34 56 78"],
    ["Mme", "Anaïs", "Mercier", "Interprète", MEAE, "Interprète", "19 janvier 2027", "23/01/2027 18:45",
     "AF 028", "Willard InterContinental", "Sans œufs", "français, anglais, kiswahili", "Non", ""],
    ["M.", "Jérôme", "Garçon", "Premier secrétaire", "Ambassade de France aux États-Unis",
     "Membre (résident)", "", "", "", "", "", "anglais, français", "Non", ""],
]

USA = [
    ["First Name", "Last Name", "Title", "Agency", "Arrival Date", "Departure Date", "Phone"],
    ["Marco", "Rubio", "Secretary of State", "Department of State", "01/19/2027", "01/23/2027", "(202) 555-0101"],
    ["Christopher", "Landau", "Deputy Secretary of State", "Department of State", "01/19/2027", "01/23/2027",
     "(202) 555-0102"],
    ["Aide", "One", "Special Assistant", "Department of State", "1/20/2027", "01/23/2027", "(202) 555-0103"],
    ["Officer", "Two", "Kenya Desk Officer", "Department of State, Bureau of African Affairs", "01/19/2027",
     "01/22/2027", "(202) 555-0104"],
]

UNICODE_TEXT = [
    ["Country", "Name", "Position", "Badge name", "Languages", "Notes"],
    ["Kenya", SINGOEI, "Principal Secretary for Foreign Affairs", "Dr. " + SINGOEI, "English, Kiswahili", ""],
    ["Kenya", "Monica Juma", "National Security Advisor", "Amb. Monica Juma", "English, Kiswahili", ""],
    ["United States", "Marco Rubio", "Secretary of State", "Secretary Rubio", "English", "Host \u2013 Kenya\u2013U.S. talks"],
    ["United States", "Christopher Landau", "Deputy Secretary of State", "Amb. Christopher Landau", "English",
     "Confirmed \U0001F44D"],
    ["Interpreters", "Interpreter One", "Interpreter", "Interpreter One",
     "English, Kiswahili, Français, \u0627\u0644\u0639\u0631\u0628\u064a\u0629", '"Consecutive" only'],
]

CR_ONLY = [
    ["Name", "Position", "Arrival", "Departure"],
    ["Korir Sing'oei", "Principal Secretary for Foreign Affairs", "19/01/2027 06:30", "23/01/2027 18:45"],
    ["Monica Juma", "National Security Advisor", "19/01/2027 06:30", "23/01/2027 18:45"],
    ["Aide One", "Aide to the Prime Cabinet Secretary", "31/02/2027 09:00", "23/01/2027 18:45"],
    ["Aide Two", "Protocol Officer", "20/01/2027 14:10", "23/01/2027 18:45"],
]

NFC_NAMES = [
    ["Prénom", "Nom", "Fonction", "Organisation"],
    ["Hélène", "Dupré", "Conseillère Afrique", "Ministère de l\u2019Europe et des Affaires étrangères"],
    ["François", "Lefèvre", "Conseiller commercial", "Ministère de l\u2019Économie et des Finances"],
    ["Anaïs", "Mercier", "Interprète", "Ministère de l\u2019Europe et des Affaires étrangères"],
    ["Jérôme", "Garçon", "Premier secrétaire", "Ambassade de France aux États-Unis"],
]

BIO_UNIT = "Placeholder biography text. "
BIO = (BIO_UNIT * (40000 // len(BIO_UNIT) + 1))[:39999].rstrip() + "."
BIO = BIO + "." * (40000 - len(BIO))  # exactly 40 000 characters, ends with "."


def excel365_csv_utf8():
    return "Excel 365 for Windows 'CSV UTF-8 (Comma delimited) (*.csv)'"


# --------------------------------------------------------------------------
# 1-6, 10: hand-written bytes
# --------------------------------------------------------------------------
def make_text_files():
    hw = "hand-written bytes (make.py, Python %d.%d) as " % sys.version_info[:2]

    # 1 kenya-excel-utf8.csv
    data = ("\ufeff" + excel_text(KENYA, ",", "\r\n")).encode("utf-8")
    write_bytes("kenya-excel-utf8.csv", data)
    add("kenya-excel-utf8.csv", hw + excel365_csv_utf8() + " writes them",
        "UTF-8 with BOM (EF BB BF)", ",", "CRLF", 3, grid_rows(KENYA),
        ["Row 1 is a title row: A1 'Kenya delegation', E1 '19/01/2027'; every row is padded with "
         "trailing commas to the used range width (9 columns), as Excel does.",
         "Row 2 is completely empty (written as ',,,,,,,,').",
         "Dates are day-first text as displayed with format dd/mm/yyyy hh:mm (Kenyan/en-GB locale).",
         "H4 is a two-line cell with an LF inside the quotes (what Excel writes for an Alt+Enter line break).",
         "I5 is a two-line cell with CRLF inside the quotes (text pasted into the cell with CRLF); "
         "Excel itself would show the CR as nothing/a box and the LF as a line break.",
         "I8 contains doubled quotes: 'No pork; \"halal\" if possible'.",
         "D6 and D7 contain a comma and are quoted.",
         "B4 uses U+2019 RIGHT SINGLE QUOTATION MARK in Sing\u2019oei, as in the source article.",
         "Row numbers are spreadsheet rows (records), not physical lines: H4 and I5 span two physical lines each.",
         "The Prime Cabinet Secretary is not named in the article and is therefore not listed."])

    # 2 france-excel.csv
    txt = excel_text(FRANCE, ";", "\r\n")
    write_bytes("france-excel.csv", txt.encode("cp1252"))
    add("france-excel.csv", hw + "Excel 365 for Windows (fr-FR locale) 'CSV (séparateur: point-virgule) (*.csv)' writes them",
        "Windows-1252 (no BOM)", ";", "CRLF", 1, grid_rows(FRANCE),
        ["Encoded in Windows-1252: é=E9 è=E8 ç=E7 ï=EF É=C9; U+2019 (l\u2019Europe) is byte 0x92 and œ (Sans œufs) "
         "is byte 0x9C, both undefined/C1 controls in ISO-8859-1, so a Latin-1 decoder gets them wrong.",
         "K3 'Sans gluten ; sans lactose' contains the separator and is quoted.",
         "G4 is '19 janvier 2027' (date shown with a long French format j mmmm aaaa), other dates are "
         "jj/mm/aaaa hh:mm day-first text.",
         "N2 '06 12 34 56 78', N3 '+33 6 12 34 56 78' are text.",
         "Row 5 (Jérôme Garçon) has empty arrival/departure/flight/hotel.",
         "All French people are fictional."])

    # 3 usa-excel.csv
    txt = excel_text(USA, ",", "\n")
    write_bytes("usa-excel.csv", txt.encode("utf-8"))
    add("usa-excel.csv", hw + "a U.S. office's 'CSV (Comma delimited)' export, but with LF line ends "
        "(Excel for Windows itself would write CRLF; LF as Unix/Mac tools write it)",
        "UTF-8 without BOM (content is pure ASCII, so identical to Windows-1252)", ",", "LF", 1, grid_rows(USA),
        ["Dates are month-first (en-US). E5 shown as '1/20/2027' (Excel's default m/d/yyyy format, no leading zero).",
         "F2 '01/23/2027' and others can only be month-first (23 is not a month).",
         "E2 '01/19/2027' likewise; no date in this file is ambiguous.",
         "D5 'Department of State, Bureau of African Affairs' is quoted (contains a comma).",
         "Phones use the fictional 555-01xx range.",
         "'Aide One' and 'Officer Two' are generic names."])

    # 4 unicode-text.txt / .csv
    txt = excel_text(UNICODE_TEXT, "\t", "\r\n")
    data = b"\xff\xfe" + txt.encode("utf-16-le")
    for name in ("unicode-text.txt", "unicode-text.csv"):
        write_bytes(name, data)
        add(name, hw + "Excel 365 for Windows 'Unicode Text (*.txt)' writes them",
            "UTF-16LE with BOM (FF FE)", "TAB", "CRLF", 1, grid_rows(UNICODE_TEXT),
            ["unicode-text.txt and unicode-text.csv are byte-identical (users rename .txt to .csv).",
             "F6 '\"Consecutive\" only' is quoted with doubled quotes; other fields (even with commas) are not quoted.",
             "E6 contains Arabic script (العربية); F5 contains U+1F44D (a surrogate pair in UTF-16); "
             "F4 contains EN DASH U+2013; B2/D2 contain U+2019."])

    # 5 cr-only.csv
    txt = excel_text(CR_ONLY, ",", "\r")
    write_bytes("cr-only.csv", txt.encode("ascii"))
    add("cr-only.csv", hw + "Excel 2011 for Mac 'Comma Separated Values (.csv)' writes them (CR-only line ends)",
        "ASCII (old Mac Excel would write Mac Roman; content kept to ASCII, so it decodes the same in every encoding)",
        ",", "CR", 1, grid_rows(CR_ONLY),
        ["DELIBERATELY BAD VALUE: C4 (spreadsheet row 4 = data row 3, header is row 1) Arrival '31/02/2027 09:00' "
         "- 31 February does not exist. An importer should report row 4 (or 'data row 3').",
         "Straight ASCII apostrophe in Sing'oei (no U+2019) to keep the file ASCII.",
         "File ends with a final CR."])

    # 6 nfd-names.csv
    nfd = [[unicodedata.normalize("NFD", v) for v in r] for r in NFC_NAMES]
    txt = excel_text(nfd, ",", "\n")
    write_bytes("nfd-names.csv", txt.encode("utf-8"))
    assert txt != unicodedata.normalize("NFC", txt)
    add("nfd-names.csv", hw + "macOS software hands over decomposed text (NFD), e.g. names copied from Finder file names",
        "UTF-8 without BOM, every accented letter in Unicode NFD (decomposed)", ",", "LF", 1,
        grid_rows(NFC_NAMES),
        ["The cells listed here are the NFC (composed) forms a person reads; the bytes are NFD: "
         "'é' is e + U+0301, 'è' e + U+0300, 'ç' c + U+0327, 'ï' i + U+0308, 'ô' o + U+0302, 'É' E + U+0301.",
         "The header row is NFD too: 'Prénom' is stored as 'Pre\u0301nom'.",
         "Example: 'Hélène Dupré' is stored as 'He\u0301le\u0300ne Dupre\u0301' (bytes 48 65 CC 81 6C 65 CC 80 6E 65 ...).",
         "U+2019 in l\u2019Europe is unaffected by normalisation.",
         "An importer should NFC-normalise before comparing names / matching headers."])

    # 10 long-bio.csv
    grid = [["Name", "Position", "Biography"],
            ["Monica Juma", "National Security Advisor", BIO],
            [SINGOEI, "Principal Secretary for Foreign Affairs", "Short biography placeholder."]]
    txt = excel_text(grid, ",", "\r\n")
    write_bytes("long-bio.csv", ("\ufeff" + txt).encode("utf-8"))
    rows = grid_rows(grid)
    rows[1]["cells"]["C"] = {"length": len(BIO),
                             "sha256_utf8": hashlib.sha256(BIO.encode()).hexdigest(),
                             "starts_with": BIO[:40], "ends_with": BIO[-40:],
                             "python": "(%r * %d)[:39999].rstrip() + '.' padded with '.' to 40000" % (
                                 BIO_UNIT, 40000 // len(BIO_UNIT) + 1)}
    add("long-bio.csv", hw + "Excel 'CSV UTF-8' style (Excel itself cannot hold more than 32 767 characters in a "
        "cell; files like this come from databases/scripts)", "UTF-8 with BOM", ",", "CRLF", 1, rows,
        ["C2 is a 40 000-character biography (described by length/sha256 instead of spelled out); it exceeds "
         "the xlsx/Excel per-cell limit of 32 767 characters, so exporting it to xlsx must truncate, split or refuse.",
         "Excel opening this CSV would not be able to show the whole C2 text.",
         "Field contains no separator/quote/newline, so it is written unquoted."])


# --------------------------------------------------------------------------
# 7 openpyxl
# --------------------------------------------------------------------------
OPX_ROWS = [
    # Id, Prénom, Nom, Organisation (D4:D6 merged), Fonction, Arrivée, Départ, Téléphone(value, fmt, shown)
    ["FR-01", "Hélène", "Dupré", MEAE, "Cheffe de délégation",
     dt.datetime(2027, 1, 19, 6, 30), dt.datetime(2027, 1, 23, 18, 45), (612345678, "0000000000", "0612345678")],
    ["FR-02", "François", "Lefèvre", None, "Conseiller commercial",
     dt.datetime(2027, 1, 19, 6, 30), dt.datetime(2027, 1, 23, 18, 45), (33612345678, '"+"0', "+33612345678")],
    [None, "Anaïs", "Mercier", None, "Interprète",
     dt.datetime(2027, 1, 20, 14, 10), dt.datetime(2027, 1, 23, 18, 45), None],
    [None, "Jérôme", "Garçon", "Ambassade de France aux États-Unis", "Premier secrétaire",
     None, None, ("06 12 34 56 78", "@", "06 12 34 56 78")],
]
OPX_HEAD = ["Id", "Prénom", "Nom", "Organisation", "Fonction", "Arrivée", "Départ", "Téléphone", "Nom complet"]
OPX_TITLE = "Délégation française \u2013 entretiens de Washington"


def opx_display():
    grid = [[OPX_TITLE], ["", "", "", "", "Mise à jour :", "12/01/2027"], OPX_HEAD]
    for r, row in enumerate(OPX_ROWS, start=4):
        g = [row[0] or "", row[1], row[2], row[3] or "", row[4],
             row[5].strftime("%d/%m/%Y %H:%M") if row[5] else "",
             row[6].strftime("%d/%m/%Y %H:%M") if row[6] else "",
             row[7][2] if row[7] else "", row[1] + " " + row[2]]
        grid.append(g)
    return grid


OPX_OLD = [["Prénom", "Nom", "Organisation"],
           ["Old", "Member One", "Ancienne liste 2025"],
           ["Old", "Member Two", "Ancienne liste 2025"]]


def make_openpyxl():
    import openpyxl
    from openpyxl.styles import Alignment, Font
    wb = openpyxl.Workbook()
    old = wb.active
    old.title = "Old"
    for r in OPX_OLD:
        old.append(r)
    old.sheet_state = "hidden"
    old.sheet_view.tabSelected = False
    ws = wb.create_sheet("Delegation")
    ws["A1"] = OPX_TITLE
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:F1")
    ws["E2"] = "Mise à jour :"
    ws["F2"] = dt.datetime(2027, 1, 12)
    ws["F2"].number_format = "dd/mm/yyyy"
    for c, h in enumerate(OPX_HEAD, start=1):
        ws.cell(3, c, h).font = Font(bold=True)
    for r, row in enumerate(OPX_ROWS, start=4):
        if row[0]:
            ws.cell(r, 1, row[0])
        ws.cell(r, 2, row[1])
        ws.cell(r, 3, row[2])
        if row[3]:
            ws.cell(r, 4, row[3])
        ws.cell(r, 5, row[4])
        for c in (6, 7):
            if row[c - 1]:
                ws.cell(r, c, row[c - 1]).number_format = "dd/mm/yyyy hh:mm"
        if row[7]:
            v, fmt, _ = row[7]
            ws.cell(r, 8, v).number_format = fmt
        ws.cell(r, 9, '=CONCATENATE(B%d," ",C%d)' % (r, r))
    ws.merge_cells("D4:D6")
    ws["D4"].alignment = Alignment(vertical="center", wrap_text=True)
    for c, w in zip("ABCDEFGHI", (7, 11, 11, 30, 22, 17, 17, 15, 18)):
        ws.column_dimensions[c].width = w
    ws.sheet_view.tabSelected = True
    wb.active = 1
    wb.save(OUT / "openpyxl-features.xlsx")
    add("openpyxl-features.xlsx", "openpyxl %s (Python %d.%d)" % ((openpyxl.__version__,) + sys.version_info[:2]),
        "xlsx (Office Open XML, zip)", None, None, 3, grid_rows(opx_display()),
        ["Sheet 1 'Old' is HIDDEN (state=hidden) and holds a stale list (see other_sheets); "
         "sheet 2 'Delegation' is the visible, active sheet.",
         "Merged ranges on 'Delegation': A1:F1 (title) and D4:D6 (Organisation; only D4 holds the value, D5/D6 are empty).",
         "F2 is a real date cell (serial 46399.0) with format dd/mm/yyyy, shown '12/01/2027'; E2 is 'Mise à jour :'.",
         "F4:G6 are real datetime cells with number format 'dd/mm/yyyy hh:mm'.",
         "H4 is the NUMBER 612345678 with format '0000000000', shown '0612345678'.",
         "H5 is the NUMBER 33612345678 with format '\"+\"0', shown '+33612345678'.",
         "H6 is empty; H7 is the TEXT '06 12 34 56 78' with format '@'.",
         "Id column: A4 'FR-01', A5 'FR-02', A6/A7 empty.",
         "I4:I7 are formulas =CONCATENATE(Bn,\" \",Cn) written WITHOUT a cached value (<f>...</f><v/>, an empty <v>); "
         "the cells listed are what Excel/LibreOffice show after recalculating. A reader of cached values gets nothing.",
         "CONCATENATE is used instead of CONCAT because openpyxl writes formula text verbatim and CONCAT would "
         "need the _xlfn. prefix to work in Excel."],
        sheet="Delegation",
        merged=["A1:F1", "D4:D6"],
        other_sheets=[{"name": "Old", "state": "hidden", "header_row": 1, "cells": grid_rows(OPX_OLD)}])


# --------------------------------------------------------------------------
# 8 XlsxWriter
# --------------------------------------------------------------------------
XW_NAMES = ["Name", SINGOEI, "Monica Juma", "David Kerich", "Christopher Kirigua"]
XW_FULL_HEAD = ["First Name", "Last Name", "Title", "Agency", "Arrival", "Departure", "Badge No.", "Phone",
                "Full Name"]
XW_FULL = [
    ["Marco", "Rubio", "Secretary of State", "Department of State",
     dt.datetime(2027, 1, 19, 9, 0), dt.date(2027, 1, 23), 42, 2025550101],
    ["Christopher", "Landau", "Deputy Secretary of State", "Department of State",
     dt.datetime(2027, 1, 19, 9, 0), dt.date(2027, 1, 23), 7, 2025550102],
    ["Officer", "Two", "Kenya Desk Officer", "Department of State", dt.datetime(2027, 1, 20, 14, 10),
     dt.date(2027, 1, 22), 1234, None],
]
PHONE_FMT = "[<=9999999]###-####;(###) ###-####"


def xw_full_display():
    grid = [XW_FULL_HEAD]
    for r in XW_FULL:
        p = r[7]
        ph = "(%s) %s-%s" % (str(p)[:3], str(p)[3:6], str(p)[6:]) if p else ""
        grid.append([r[0], r[1], r[2], r[3], r[4].strftime("%m/%d/%Y %H:%M"), r[5].strftime("%m/%d/%Y"),
                     "%05d" % r[6], ph, r[0] + " " + r[1]])
    return grid


def make_xlsxwriter():
    import xlsxwriter
    ver = "XlsxWriter %s (Python %d.%d)" % ((xlsxwriter.__version__,) + sys.version_info[:2])
    wb = xlsxwriter.Workbook(str(OUT / "xlsxwriter-features.xlsx"))
    ws = wb.add_worksheet("Names")
    bold = wb.add_format({"bold": True})
    for i, n in enumerate(XW_NAMES):
        ws.write_string(i, 0, n, bold if i == 0 else None)
    ws.set_column(0, 0, 24)
    wb.close()
    add("xlsxwriter-features.xlsx", ver, "xlsx (Office Open XML, zip)", None, None, 1,
        grid_rows([[n] for n in XW_NAMES]),
        ["Single sheet 'Names' with only a 'Name' column (A1) and 4 names; no other headers.",
         "Strings are stored in the shared-strings table."], sheet="Names")

    wb = xlsxwriter.Workbook(str(OUT / "xlsxwriter-full.xlsx"))
    ws = wb.add_worksheet("Delegation")
    f_dt = wb.add_format({"num_format": "mm/dd/yyyy hh:mm"})
    f_d = wb.add_format({"num_format": "mm/dd/yyyy"})
    f_badge = wb.add_format({"num_format": "00000"})
    f_phone = wb.add_format({"num_format": PHONE_FMT})
    for c, h in enumerate(XW_FULL_HEAD):
        ws.write_string(0, c, h, bold)
    for r, row in enumerate(XW_FULL, start=1):
        for c in range(4):
            ws.write_string(r, c, row[c])
        ws.write_datetime(r, 4, row[4], f_dt)
        ws.write_datetime(r, 5, dt.datetime.combine(row[5], dt.time()), f_d)
        ws.write_number(r, 6, row[6], f_badge)
        if row[7]:
            ws.write_number(r, 7, row[7], f_phone)
        ws.write_formula(r, 8, '=A%d&" "&B%d' % (r + 1, r + 1))
    ws.set_column(0, 8, 16)
    wb.close()
    add("xlsxwriter-full.xlsx", ver, "xlsx (Office Open XML, zip)", None, None, 1, grid_rows(xw_full_display()),
        ["E2:E4 are datetime cells (write_datetime) with format 'mm/dd/yyyy hh:mm'; F2:F4 dates with 'mm/dd/yyyy'.",
         "G2:G4 are NUMBERS 42, 7, 1234 with format '00000' (leading zeros shown: 00042, 00007, 01234).",
         "H2:H3 are NUMBERS 2025550101/2025550102 with Excel's 'Phone Number' format "
         "'[<=9999999]###-####;(###) ###-####', shown '(202) 555-0101'; H4 is empty.",
         "I2:I4 are formulas =An&\" \"&Bn written with write_formula and NO value: XlsxWriter stores the cached "
         "value 0 (<f>A2&amp;\" \"&amp;B2</f><v>0</v>, number type). Excel recalculates on load "
         "(fullCalcOnLoad) and shows the names listed here; a reader of cached values gets the number 0."
         " LibreOffice 7.4 with default settings ('Recalculation on file load: never' for xlsx) does NOT "
         "recalculate and shows 0 in I2:I4 (see cells_when_opened_in_LibreOffice)."],
        sheet="Delegation",
        cells_when_opened_in_LibreOffice={"I2": "0", "I3": "0", "I4": "0"})


# --------------------------------------------------------------------------
# 9 LibreOffice
# --------------------------------------------------------------------------
def lo_version():
    out = subprocess.run(["soffice", "--version"], capture_output=True, text=True, timeout=120).stdout
    v = out.split()[1] if out.startswith("LibreOffice") else out.strip()
    try:
        deb = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libreoffice-core-nogui"],
                             capture_output=True, text=True).stdout.strip()
    except Exception:
        deb = ""
    return "LibreOffice %s%s" % (v, " (Debian package %s)" % deb if deb else "")


def soffice(profile, lang, *args, cwd=None):
    env = dict(os.environ, LANG=lang, LC_ALL=lang, LANGUAGE=lang.split(".")[0])
    cmd = ["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore"] + list(args)
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, cwd=cwd)
    if r.returncode != 0:
        raise RuntimeError("soffice failed: %s\n%s\n%s" % (cmd, r.stdout, r.stderr))
    return r


LO_EN = ("/tmp/lo-en", "en_US.UTF-8")
LO_FR = ("/tmp/lo-fr", "fr_FR.UTF-8")
CSV_IN = "Text - txt - csv (StarCalc)"


def lo_convert(profile, src, dst_name, out_filter, in_filter=None):
    """Convert OUT/src -> OUT/dst_name with LibreOffice (output name chosen by copying the input)."""
    with tempfile.TemporaryDirectory() as td:
        stem = Path(dst_name).stem
        tmp_in = Path(td) / (stem + Path(src).suffix)
        shutil.copyfile(OUT / src, tmp_in)
        outdir = Path(td) / "out"
        outdir.mkdir()
        args = []
        if in_filter:
            args += ["--infilter=" + in_filter]
        args += ["--convert-to", out_filter, "--outdir", str(outdir), str(tmp_in)]
        soffice(profile[0], profile[1], *args)
        produced = list(outdir.iterdir())
        assert len(produced) == 1, produced
        shutil.move(str(produced[0]), OUT / dst_name)


def lo_date(text, loc):
    """How LibreOffice 7.4 shows a date it detected on CSV import, in locale loc (en_US / fr_FR):
    it applies the locale's default (2-digit-year) date or date-time format."""
    if text == "19 janvier 2027":
        v, has_t = dt.datetime(2027, 1, 19), False
    else:
        v = None
        for f, t in (("%d/%m/%Y %H:%M", True), ("%d/%m/%Y", False)) if loc[1] == "dmy" else \
                (("%m/%d/%Y", False),):
            try:
                v, has_t = dt.datetime.strptime(text, f), t
                break
            except ValueError:
                pass
        if v is None:
            return text
    if loc[0] == "en_US":
        return v.strftime("%m/%d/%y %I:%M %p" if has_t else "%m/%d/%y")
    return v.strftime("%d/%m/%y %H:%M" if has_t else "%d/%m/%y")


def lo_grid(grid, src_order, view):
    """src_order: 'dmy' or 'mdy' (language used on import); view: 'en_US' or 'fr_FR' (who looks)."""
    out = []
    for r in grid:
        out.append([lo_date(v, (view, src_order)).replace("\r\n", "\n") if v else v for v in r])
    return out


def grid_diff(a, b):
    """cells of grid b that differ from grid a, as {"F4": text}"""
    d = {}
    for r, (ra, rb) in enumerate(zip(a, b), start=1):
        for c, (x, y) in enumerate(zip(ra, rb)):
            if x != y:
                d["%s%d" % (col(c), r)] = y
    return d


def lo_entries(ver):
    e = []
    imp = {"kenya": ("kenya-excel-utf8.csv", KENYA, "dmy", 3, "44,34,76,1,,2057,false,true",
                     "English (UK) (2057) column language, UTF-8"),
           "france": ("france-excel.csv", FRANCE, "dmy", 1, "59,34,1,1,,1036,false,true",
                      "French (France) (1036) column language, Windows-1252 (rtl encoding 1)"),
           "usa": ("usa-excel.csv", USA, "mdy", 1, "44,34,76,1,,1033,false,true",
                   "English (USA) (1033) column language, UTF-8")}
    date_note = ("Dates were detected on CSV import and became real date cells; LibreOffice applied the "
                 "profile locale's DEFAULT format, which has a 2-digit year (en-US: MM/DD/YY and "
                 "MM/DD/YY HH:MM AM/PM). The original 4-digit year / day-first text is gone.")
    for key, (src, grid, order, hdr, opts, desc) in imp.items():
        en = lo_grid(grid, order, "en_US")
        fr = lo_grid(grid, order, "fr_FR")
        changed_fr = grid_diff(en, fr)
        base_notes = ["LibreOffice opened %s with the CSV filter options '%s' (%s; 'detect special numbers' on), "
                      "en-US user profile (LANG=en_US.UTF-8), and saved it." % (src, opts, desc), date_note]
        if key == "kenya":
            base_notes.append("I5: the CRLF inside the source cell became a plain LF line break; H4 keeps its LF.")
            base_notes.append("Row 2 is empty; E1 is a real date cell.")
        if key == "france":
            base_notes.append("G4 '19 janvier 2027' was recognised as a date (19 Jan 2027, no time) and is now shown "
                              "like the other dates. N2/N3 phones stayed text. Œ/’ decoded correctly from cp1252.")
        if key == "usa":
            base_notes.append("E4 '1/20/2027' became a date shown '01/20/27'. Phones stayed text.")
        e.append({"file": "lo-en-%s.xlsx" % key, "written_by": ver, "encoding": "xlsx (Office Open XML, zip)",
                  "separator": None, "line_ends": None, "header_row": hdr, "sheet": "lo-en-%s" % key,
                  "cells": grid_rows(en),
                  "notes": base_notes + ["xlsx stores fixed custom number formats (numFmtId 164+): 'mm/dd/yy' "
                                         "for dates and, where a time was present, 'mm/dd/yy\\ hh:mm\\ AM/PM'; "
                                         "so Excel and LibreOffice in any locale show the cells as listed.",
                                         "The only sheet is named after the CSV file ('lo-en-%s')." % key]})
        e.append({"file": "lo-en-%s.ods" % key, "written_by": ver, "encoding": "ODF spreadsheet (zip)",
                  "separator": None, "line_ends": None, "header_row": hdr, "sheet": "lo-en-%s" % key,
                  "cells": grid_rows(en),
                  "cells_when_viewed_in_fr_FR": changed_fr,
                  "notes": base_notes + ["The ods date styles are locale-dependent (number:automatic-order / "
                                         "format-source=language): 'cells' is what an en-US LibreOffice shows; "
                                         "'cells_when_viewed_in_fr_FR' lists the date cells as a fr-FR LibreOffice "
                                         "shows them. The stored values are office:date-value (e.g. 2027-01-19T06:30:00)."]})
    csv_note = ("LibreOffice CSV export (filter options '{opt}'): 'save cell content as shown' is on, so dates are "
                "written as displayed; every TEXT cell is quoted (\"...\"), dates/numbers and empty cells are not; "
                "line ends are LF (also inside the multi-line quoted cells); no BOM.")
    for key, hdr in (("kenya", 3), ("usa", 1)):
        src, grid, order = imp[key][0], imp[key][1], imp[key][2]
        e.append({"file": "lo-en-%s.csv" % key, "written_by": ver, "encoding": "UTF-8 without BOM",
                  "separator": ",", "line_ends": "LF", "header_row": hdr,
                  "cells": grid_rows(lo_grid(grid, order, "en_US")),
                  "notes": ["Written by LibreOffice (en-US profile) from lo-en-%s.ods." % key,
                            csv_note.format(opt="44,34,76,1"), date_note]})
    fr = lo_grid(FRANCE, "dmy", "fr_FR")
    fr_notes = ["LibreOffice with a fresh user profile under LANG/LC_ALL=fr_FR.UTF-8 (locale setting default = "
                "French (France)) opened france-excel.csv with filter options '59,34,1,1,,0,false,true' "
                "(';', Windows-1252, default language = fr-FR, detect special numbers).",
                "Dates became date cells shown with the fr-FR default formats JJ/MM/AA HH:MM and JJ/MM/AA "
                "(2-digit year); G4 '19 janvier 2027' was recognised and is shown '19/01/27'."]
    e.append({"file": "lo-fr-france.ods", "written_by": ver, "encoding": "ODF spreadsheet (zip)", "separator": None,
              "line_ends": None, "header_row": 1, "sheet": "lo-fr-france", "cells": grid_rows(fr),
              "cells_when_viewed_in_en_US": grid_diff(fr, lo_grid(FRANCE, "dmy", "en_US")),
              "notes": fr_notes + ["Date styles are locale-dependent; an en-US LibreOffice shows the dates as in "
                                   "'cells_when_viewed_in_en_US'."]})
    e.append({"file": "lo-fr-france.csv", "written_by": ver, "encoding": "UTF-8 without BOM", "separator": ";",
              "line_ends": "LF", "header_row": 1, "cells": grid_rows(fr),
              "notes": fr_notes + ["Exported from lo-fr-france.ods by the same fr-FR LibreOffice.",
                                   csv_note.format(opt="59,34,76,1")]})
    e.append({"file": "lo-fr-france-1252.csv", "written_by": ver, "encoding": "Windows-1252 (no BOM)",
              "separator": ";", "line_ends": "LF", "header_row": 1, "cells": grid_rows(fr),
              "notes": fr_notes + ["Exported from lo-fr-france.ods by the same fr-FR LibreOffice with character set "
                                   "1 (= RTL_TEXTENCODING_MS_1252): ’ is 0x92, œ is 0x9C.",
                                   csv_note.format(opt="59,34,1,1")]})
    e.append({"file": "lo-en-merged-phone.ods", "written_by": ver, "encoding": "ODF spreadsheet (zip)",
              "separator": None, "line_ends": None, "header_row": 3, "sheet": "Delegation",
              "cells": grid_rows(opx_display()), "merged": ["A1:F1", "D4:D6"],
              "other_sheets": [{"name": "Old", "state": "hidden", "header_row": 1, "cells": grid_rows(OPX_OLD)}],
              "notes": ["LibreOffice (en-US profile) converted openpyxl-features.xlsx to ods.",
                        "Sheet 'Old' is hidden (table:display=false); 'Delegation' visible.",
                        "Merged: A1:F1 (number-columns-spanned=6) and D4:D6 (Organisation, number-rows-spanned=3).",
                        "H4 is the float 612345678 with number format 0000000000 -> shown '0612345678' "
                        "(leading zero only from the format); H5 float 33612345678 with format \"+\"0 -> '+33612345678'.",
                        "F2/F4:G6 keep the explicit formats DD/MM/YYYY and DD/MM/YYYY HH:MM (not locale-dependent).",
                        "I4:I7 formulas of:=CONCATENATE(...) now HAVE cached string values (LibreOffice calculated "
                        "them because the xlsx had none)."]})
    return e


def make_lo():
    ver = lo_version()
    # en-US profile: Kenyan CSV opened with en-GB (day-first) language, France with fr-FR, U.S. with en-US
    kenya_in = CSV_IN + ":44,34,76,1,,2057,false,true"
    france_in = CSV_IN + ":59,34,1,1,,1036,false,true"
    usa_in = CSV_IN + ":44,34,76,1,,1033,false,true"
    for src, stem, inf in (("kenya-excel-utf8.csv", "lo-en-kenya", kenya_in),
                           ("france-excel.csv", "lo-en-france", france_in),
                           ("usa-excel.csv", "lo-en-usa", usa_in)):
        lo_convert(LO_EN, src, stem + ".xlsx", "xlsx:Calc MS Excel 2007 XML", inf)
        lo_convert(LO_EN, src, stem + ".ods", "ods:calc8", inf)
    # CSV written by LibreOffice (en-US profile) from its own .ods
    lo_convert(LO_EN, "lo-en-kenya.ods", "lo-en-kenya.csv", "csv:" + CSV_IN + ":44,34,76,1")
    lo_convert(LO_EN, "lo-en-usa.ods", "lo-en-usa.csv", "csv:" + CSV_IN + ":44,34,76,1")
    # French profile (LANG=fr_FR.UTF-8, fresh user profile): default language = French (France)
    fr_in = CSV_IN + ":59,34,1,1,,0,false,true"
    lo_convert(LO_FR, "france-excel.csv", "lo-fr-france.ods", "ods:calc8", fr_in)
    lo_convert(LO_FR, "lo-fr-france.ods", "lo-fr-france.csv", "csv:" + CSV_IN + ":59,34,76,1")
    lo_convert(LO_FR, "lo-fr-france.ods", "lo-fr-france-1252.csv", "csv:" + CSV_IN + ":59,34,1,1")
    # merged Organisation + leading-zero phone via number format, from the openpyxl workbook
    lo_convert(LO_EN, "openpyxl-features.xlsx", "lo-en-merged-phone.ods", "ods:calc8")
    MANIFEST.extend(lo_entries(ver))


# --------------------------------------------------------------------------
# 11 csv-spectrum
# --------------------------------------------------------------------------
SPECTRUM_GIT = "/work/.mirror/max-mapper+csv-spectrum/repo"


def make_spectrum():
    dest = OUT / "csv-spectrum"
    if not Path(SPECTRUM_GIT).exists():
        print("csv-spectrum mirror not found, keeping existing copy")
        return
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir()
    g = ["git", "--git-dir=" + SPECTRUM_GIT]
    commit = subprocess.run(g + ["rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    files = subprocess.run(g + ["ls-tree", "-r", "--name-only", "HEAD"], capture_output=True, text=True,
                           check=True).stdout.split()
    for f in files:
        if Path(f).stem == "location_coordinates":
            continue  # see manifest note: inconsistent upstream case with a real-looking phone number
        if f.startswith(("csvs/", "json/")) or f in ("readme.md", "package.json", ".gitattributes"):
            data = subprocess.run(g + ["show", "HEAD:" + f], capture_output=True, check=True).stdout
            # apply the repo's .gitattributes (csvs/*_crlf.csv eol=crlf) as a git checkout would
            if f.startswith("csvs/") and f.endswith("_crlf.csv"):
                data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
            p = dest / f
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
    (dest / "LICENSE").write_text(
        "csv-spectrum (https://github.com/max-mapper/csv-spectrum), commit %s\n\n"
        "The repository contains no LICENSE file. Its package.json declares\n"
        '  "license": "BSD-2-Clause", "author": "max ogden"\n'
        "The readme says some CSVs were included from csvkit (https://github.com/onyxfish/csvkit, MIT licence).\n"
        "This note stands in for the missing LICENSE file; package.json and readme.md are copied unchanged.\n"
        "location_coordinates.csv/.json were deliberately not copied (see MANIFEST.json).\n"
        % commit)
    MANIFEST.append({
        "file": "csv-spectrum/",
        "written_by": "csv-spectrum test corpus, github.com/max-mapper/csv-spectrum commit %s (v2.0.0)" % commit,
        "encoding": "UTF-8", "separator": ",", "line_ends": "LF, except csvs/*_crlf.csv which are CRLF",
        "header_row": 1, "cells": None,
        "notes": ["Expected parse results are in csv-spectrum/json/<name>.json (array of objects keyed by header).",
                  "Git stores csvs/*_crlf.csv with LF and converts them to CRLF on checkout "
                  "(.gitattributes 'csvs/*_crlf.csv eol=crlf'); the copies here are the CRLF checkout form.",
                  "empty_crlf / newlines_crlf / simple_crlf have the same git blob as their LF twins.",
                  "No LICENSE file exists in the repository; see csv-spectrum/LICENSE (BSD-2-Clause per package.json).",
                  "NOT copied: csvs/location_coordinates.csv + json/location_coordinates.json (added in 2.0.0). The pair "
                  "is inconsistent upstream (the json is a single object, not an array, and its phone value differs "
                  "from the csv) and the csv holds a 10-digit U.S. phone number that may be real; the corpus keeps "
                  "no real phone numbers. (It also contained U+FFFD where a degree sign was meant, and bare quotes "
                  "inside an unquoted field: 37\u00b0...37.8\"N.)",
                  "Copied: comma_in_quotes, empty, empty_crlf, escaped_quotes, json, newlines, newlines_crlf, "
                  "quotes_and_newlines, simple, simple_crlf, utf8 (csv + json each), plus readme.md, package.json, "
                  ".gitattributes."]})


def dump_manifest(entries):
    """JSON with one line per spreadsheet row, so the file stays readable."""
    j = lambda v: json.dumps(v, ensure_ascii=False)
    out = ["["]
    for n, e in enumerate(entries):
        parts = []
        for k, v in e.items():
            if k in ("cells", "other_sheets") and isinstance(v, list):
                if k == "cells":
                    inner = ",\n".join("    " + j(r) for r in v)
                    parts.append('  "cells": [\n%s\n  ]' % inner)
                else:
                    sh = []
                    for o in v:
                        rows = ",\n".join("      " + j(r) for r in o["cells"])
                        head = j({kk: vv for kk, vv in o.items() if kk != "cells"})[:-1]
                        sh.append('    %s, "cells": [\n%s\n    ]}' % (head, rows))
                    parts.append('  "other_sheets": [\n%s\n  ]' % ",\n".join(sh))
            elif k == "notes":
                parts.append('  "notes": [\n%s\n  ]' % ",\n".join("    " + j(x) for x in v))
            else:
                parts.append("  %s: %s" % (j(k), j(v)))
        out.append(" {\n" + ",\n".join(parts) + "\n }" + ("," if n < len(entries) - 1 else ""))
    out.append("]")
    text = "\n".join(out) + "\n"
    assert json.loads(text) == json.loads(json.dumps(entries))
    return text


def main():
    make_text_files()
    make_openpyxl()
    make_xlsxwriter()
    if not NO_LO:
        make_lo()
    make_spectrum()
    (OUT / "MANIFEST.json").write_text(dump_manifest(MANIFEST), encoding="utf-8")
    print("wrote %d manifest entries" % len(MANIFEST))


if __name__ == "__main__":
    main()
