"""The roles of DOMAIN §7 as Django groups, and what each may do."""
from django.db.models import QuerySet

FINANCE = "财务人员"
MANAGER = "管理人员"
AUDITOR = "审计人员"
REVIEWER = "审核人员"  # the unit's 分管领导 or 绩效管理员: reviews the year-end self-evaluation (DOMAIN §7, §9)
BUREAU = "财政人员"  # the city's finance bureau: every department, read only; spot-check notes
ROLES = (FINANCE, MANAGER, AUDITOR, REVIEWER, BUREAU)
_READ_ALL = [
    ("projects", "view_department"),
    ("projects", "view_project"),
    ("projects", "view_indicator"),
    ("projects", "view_indicatoradjustment"),
    ("projects", "view_budgetadjustment"),
    ("indicators", "view_indicatorreport"),
    ("indicators", "view_expenditurereport"),
    ("indicators", "view_monitoringnote"),
]

# Codenames given to each group by the roles migration.
GROUP_PERMISSIONS = {
    FINANCE: [
        ("indicators", "add_indicatorreport"),
        ("indicators", "add_expenditurereport"),
        ("indicators", "add_monitoringnote"),
        ("projects", "add_indicatoradjustment"),
        ("projects", "add_budgetadjustment"),
        ("indicators", "view_indicatorreport"),
        ("indicators", "view_expenditurereport"),
        ("indicators", "view_monitoringnote"),
    ],
    MANAGER: [
        ("projects", "view_project"),
        ("projects", "view_indicator"),
    ],
    AUDITOR: _READ_ALL,
    REVIEWER: _READ_ALL,  # of their own department: what they see is decided by membership, below
    BUREAU: _READ_ALL,
}



def create_role_groups(group_model, permission_model, *, using: str = "default") -> None:
    """Makes the groups of GROUP_PERMISSIONS that are missing, with their permissions.

    Takes the models so that the roles migration (historical models) and the post_migrate handler (the real ones)
    share it. A group that exists is left as an admin may have changed it.
    """
    for name, perms in GROUP_PERMISSIONS.items():
        group, created = group_model.objects.using(using).get_or_create(name=name)
        if created:
            group.permissions.set([
                permission_model.objects.using(using).get(content_type__app_label=app, codename=codename)
                for app, codename in perms
            ])

def role_names(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


def is_admin(user) -> bool:
    return user.is_authenticated and user.is_superuser


def is_finance(user) -> bool:
    return FINANCE in role_names(user)


def is_auditor(user) -> bool:
    return AUDITOR in role_names(user)


def role_label(user) -> str:
    if is_admin(user):
        return "管理员"
    names = [name for name in ROLES if name in role_names(user)]
    return "、".join(names) or "（无角色）"


def is_reviewer(user) -> bool:
    return REVIEWER in role_names(user)


def is_bureau(user) -> bool:
    return BUREAU in role_names(user)


def sees_all_departments(user) -> bool:
    """Admins, auditors and the finance bureau see every department; everyone else their own."""
    return is_admin(user) or is_auditor(user) or is_bureau(user)


def visible_departments(user) -> QuerySet:
    from projects.models import Department

    if sees_all_departments(user):
        return Department.objects.all()
    if not user.is_authenticated:
        return Department.objects.none()
    return Department.objects.filter(memberships__user=user)


def member_department_ids(user) -> set[int]:
    cached = getattr(user, "_department_ids", None)
    if cached is None:
        cached = set(user.memberships.values_list("department_id", flat=True)) if user.is_authenticated else set()
        user._department_ids = cached
    return cached


def can_see_department(user, department_id: int) -> bool:
    return sees_all_departments(user) or department_id in member_department_ids(user)


def can_write_reports(user, department_id: int) -> bool:
    """Finance staff write the ledger of their own department only."""
    return is_finance(user) and department_id in member_department_ids(user)


def sees_bureau_view(user) -> bool:
    """The finance bureau's roll-up of every department (issue #21): 财政人员, auditors and admins."""
    return is_admin(user) or is_bureau(user) or is_auditor(user)


def writes_spot_checks(user) -> bool:
    """Spot-check notes (抽查复核, DOMAIN §7) are written by the finance bureau only."""
    return is_bureau(user)


def reads_drafts(user) -> bool:
    """Next year's draft targets, by role: finance drafts them, reviewers, auditors and the bureau read them; managers
    see a table only once it is published (issue #22)."""
    return is_admin(user) or bool(role_names(user) & {FINANCE, AUDITOR, REVIEWER, BUREAU})


def can_see_drafts(user, department_id: int) -> bool:
    """A department's draft: a role that reads drafts, of a department the user sees."""
    return can_see_department(user, department_id) and reads_drafts(user)
