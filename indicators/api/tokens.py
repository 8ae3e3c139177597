"""API tokens (`Authorization: Token …`): one per user, shown to its owner, replaced on request."""
from django.contrib.auth import get_user_model
from django.db import transaction
from rest_framework.authtoken.models import Token

from core.errors import DomainError


@transaction.atomic
def issue_token(*, username: str, reset: bool = False) -> tuple[Token, bool]:
    """The user's token, created when missing (or replaced when `reset`); returns (token, created)."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise DomainError(f"没有找到用户：{username}", field="username")
    if not user.is_active:
        raise DomainError(f"用户 {username} 已停用，不能发放令牌。", field="username")
    if reset:
        Token.objects.filter(user=user).delete()
    token, created = Token.objects.get_or_create(user=user)
    return token, created
