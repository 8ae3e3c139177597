"""Excel exports for auditors: rows are generated from the read path, workbook.py writes them (STYLE §6)."""
