"""Reading a filled 监控表 workbook back into monitoring notes, all or nothing."""
