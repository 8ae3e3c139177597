from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from indicators.api.tokens import issue_token


class Command(BaseCommand):
    help = "打印用户的 API 令牌（没有则创建），用于 Authorization: Token …；--reset 作废旧令牌并换新。"

    def add_arguments(self, parser):
        parser.add_argument("username", help="用户名")
        parser.add_argument("--reset", action="store_true", help="作废旧令牌，换一个新的")

    def handle(self, *args, username, reset, **options):
        try:
            token, created = issue_token(username=username, reset=reset)
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        if created and options["verbosity"] > 1:
            self.stderr.write(f"已为 {username} 创建令牌。")
        # Only the key on stdout, so scripts can write TOKEN=$(manage.py api_token finance).
        self.stdout.write(token.key)
