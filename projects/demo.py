"""Demo users for `make run`; never created when DEBUG is off."""
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.db.models import Q

from core.roles import AUDITOR, BUREAU, FINANCE, MANAGER, REVIEWER
from projects.models import Department, Membership

DEMO_PASSWORD = "demo-2026"
DEMO_USERS = [
    ("finance", FINANCE, "财务人员（可填报本部门）"),
    ("manager", MANAGER, "管理人员（看总览）"),
    ("auditor", AUDITOR, "审计人员（看全部、导出 Excel）"),
    ("reviewer", REVIEWER, "审核人员（审核本部门的年终自评：通过或退回）"),
    ("czj", BUREAU, "财政人员（财政局：只读查看全市各部门，抽查复核）"),
    ("admin", None, "管理员（维护主数据、审批调整）"),
]


@transaction.atomic
def create_demo_users(*, department_name: str) -> list[tuple[str, str]]:
    """Creates the missing demo users; returns (username, role) of those created."""
    department = Department.objects.filter(Q(name=department_name) | Q(code=department_name)).first()
    if department is None:
        department = Department.objects.create(name=department_name, code=department_name)
    created = []
    for username, group, label in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        if group is None:
            User.objects.create_superuser(username=username, password=DEMO_PASSWORD, email="")
        else:
            user = User.objects.create_user(username=username, password=DEMO_PASSWORD)
            user.groups.add(Group.objects.get(name=group))
            if group != BUREAU:  # the finance bureau belongs to no department: it sees them all
                Membership.objects.create(user=user, department=department)
        created.append((username, label))
    return created
