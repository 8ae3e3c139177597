"""The year's indicator framework applied to an imported table (DOMAIN §2, §10).

Lines whose classes the table did not print are inferred under the year's framework (101号 makes a cost line a
一级 成本指标) and stay marked 推断 until a person confirms them; lines whose classes the table printed keep them,
and a class the framework does not have refuses the import, naming the row and the column.
"""
from dataclasses import replace

from projects.importing.table import ParsedTable
from projects.services.rule_profiles import year_framework
from projects.vocabulary import Framework, classes_problem, infer_classes


def with_framework(table: ParsedTable, *, year: int) -> tuple[ParsedTable, list[str]]:
    """The table with each inferred line's classes under the year's framework, and the refusals of printed ones."""
    framework = year_framework(year)
    refusals: list[str] = []
    projects = []
    for project in table.projects:
        lines = []
        for line in project.indicators:
            if line.classes_inferred and framework is not Framework.FIN_10:
                level1, level2 = infer_classes(name=line.name, operator=line.operator, unit=line.unit,
                                               framework=framework)
                line = replace(line, level1=str(level1), level2=str(level2))
            elif not line.classes_inferred:
                problem = classes_problem(framework=framework, level1=line.level1, level2=line.level2)
                if problem:
                    column = problem[:4]  # the message names its column first: 一级指标「…」 or 二级指标「…」
                    refusals.append(f"{line.where}「{column}」：{problem}")
            lines.append(line)
        projects.append(replace(project, indicators=tuple(lines)))
    return ParsedTable(tuple(projects)), refusals
