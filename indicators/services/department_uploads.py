"""The file of a department-year kept between its preview and 确认导入 (the reports and the 自评表 uploads).

The department is kept by its key and read again when the file is taken, so both uploads confirm against the
department as it is then.
"""
from core.uploads import EXPIRED, StagedUpload, StagedUploadMissing, stage_upload, take_upload
from projects.models import Department


def stage_department_upload(*, kind: str, user, department: Department, year: int, filename: str, data: bytes,
                            **shown) -> str:
    """Keeps the file for `user` with its department-year and what the preview showed (JSON values); the token."""
    context = {"department": department.pk, "year": year, **shown}
    return stage_upload(kind=kind, user=user, filename=filename, data=data, context=context)


def take_department_upload(*, kind: str, user, token: str) -> tuple[StagedUpload, Department]:
    """The kept file and its department, used once; StagedUploadMissing if either is gone."""
    staged = take_upload(token=token, kind=kind, user=user)
    department = Department.objects.filter(pk=staged.context["department"]).first()
    if department is None:  # deleted since the preview
        raise StagedUploadMissing(EXPIRED.format(minutes=0))
    return staged, department
