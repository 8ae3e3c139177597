"""What the clerks' import commands share: their arguments and the file and user they name."""
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def add_clerk_file_arguments(parser) -> None:
    parser.add_argument("path")
    parser.add_argument("--department", required=True, help="部门名称或代码")
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--user", required=True, help="填报人用户名（须为该部门财务人员）")


def clerk_file(path: str, username: str):
    """The file to import and the user who imports it; CommandError naming whichever is missing."""
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"找不到文件：{path}")
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"没有这个用户：{username}")
    return file, user
