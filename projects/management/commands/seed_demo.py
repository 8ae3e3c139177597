from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from projects.demo import DEMO_PASSWORD, create_demo_users


class Command(BaseCommand):
    help = "创建演示用户 finance / manager / auditor / admin（仅限 DEBUG 演示模式）。"

    def add_arguments(self, parser):
        parser.add_argument("--department", default="宁波市妇女联合会", help="演示用户所属部门（名称或代码）")

    def handle(self, *args, department, **options):
        if not settings.DEBUG:
            raise CommandError("DEBUG 已关闭：生产环境不创建演示用户。")
        created = create_demo_users(department_name=department)
        if created:
            self.stdout.write("已创建演示用户（密码均为 %s）：" % DEMO_PASSWORD)
            for username, role in created:
                self.stdout.write(f"  {username:<8} {role}")
        else:
            self.stdout.write("演示用户已存在，未作改动。")
