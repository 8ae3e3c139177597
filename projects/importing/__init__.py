"""Import of the published 项目绩效目标汇总表 (DOMAIN §1): read → parse and validate → plan → apply.

reader.py turns bytes into located rows, table.py into projects with indicators (every bad cell reported),
service.py compares them with the database and writes the difference in one transaction.
"""
