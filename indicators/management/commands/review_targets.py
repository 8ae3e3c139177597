import json

from django.core.management.base import BaseCommand, CommandError

from indicators.management.commands.evaluate import find_department
from indicators.selectors.target_review import review_targets


class Command(BaseCommand):
    help = "审查一个部门一个年度绩效目标表的质量（完整性、相关性、适当性、可行性），列出每条发现及修改建议。"

    def add_arguments(self, parser):
        parser.add_argument("--department", required=True, help="部门名称或代码")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, department, year, format, **options):
        dept = find_department(department)
        review = review_targets(department=dept, year=year)
        if not review.projects:
            raise CommandError(f"{dept.name} {year} 年没有项目：请先导入绩效目标表。")
        if format == "json":
            findings = [finding.as_dict() for finding in review.findings]
            self.stdout.write(json.dumps(findings, ensure_ascii=False, indent=2))
            return
        for item in review.projects:
            for finding in item.findings:
                where = f"{item.project.seq}" + (f".{finding.indicator_order}" if finding.indicator_order else "")
                self.stdout.write(f"[{finding.severity_label}] {where} {finding.rule_label}：{finding.message}")
                self.stdout.write(f"    建议：{finding.suggestion}")
        self.stdout.write(f"{dept.name} {year} 年：{len(review.projects)} 个项目，错误 {review.errors} 条，"
                          f"提示 {review.warnings} 条。")
