"""Writes workbooks with openpyxl from a JSON description on stdin (scripts/make-real-fixtures.ts).

{"books": [{"path": ..., "isoDates": bool, "epoch1904": bool,
            "sheets": [{"name": ..., "state": "visible"|"hidden", "cells": [[row, column, type, value], ...]}]}]}

type: "s" text, "n" number, "b" boolean, "d" a date (ISO yyyy-mm-dd, written as a date cell).
"""
import datetime
import json
import sys

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

spec = json.load(sys.stdin)
for book in spec["books"]:
    workbook = openpyxl.Workbook(iso_dates=book.get("isoDates", False))
    if book.get("epoch1904"):
        workbook.epoch = CALENDAR_MAC_1904
    workbook.remove(workbook.active)
    for sheet in book["sheets"]:
        worksheet = workbook.create_sheet(sheet["name"])
        worksheet.sheet_state = sheet.get("state", "visible")
        for row, column, kind, value in sheet["cells"]:
            cell = worksheet.cell(row=row, column=column)
            if kind == "d":
                cell.value = datetime.date.fromisoformat(value)
                cell.number_format = "yyyy-mm-dd"
            else:
                cell.value = value
    # The active sheet is the first visible one (a hidden active sheet is shown by LibreOffice).
    states = [sheet.get("state", "visible") for sheet in book["sheets"]]
    workbook.active = states.index("visible") if "visible" in states else 0
    workbook.save(book["path"])
    print("openpyxl " + openpyxl.__version__ + ": wrote " + book["path"])
