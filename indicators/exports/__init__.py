"""Excel exports: each workbook yields its sheets and rows from the read path, renderer.py writes them (STYLE §6)."""
