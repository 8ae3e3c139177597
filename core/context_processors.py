from core.roles import is_admin, is_finance, role_label, sees_bureau_view


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_role": role_label(user), "nav_is_finance": is_finance(user), "nav_is_admin": is_admin(user),
            "nav_bureau": sees_bureau_view(user)}
