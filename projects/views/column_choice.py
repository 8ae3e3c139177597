"""按所选列重新预览 on an upload page whose preview offers a select per field (the published table, the 自评表)."""
from django.http import HttpResponse

from core.uploads import StagedUploadMissing
from projects.importing.column_choice import chosen_columns


class ColumnChoicePage:
    """Mixed into a StagedUploadPage: `columns_page` previews the kept file again with the columns chosen."""

    def remap(self, token: str, mapping: dict[str, int]):
        """The preview service's upload of the file kept under `token`, read with `mapping` (nothing written)."""
        raise NotImplementedError

    def columns_page(self) -> HttpResponse:
        self.check_access()
        try:
            upload = self.remap(self.request.POST.get("token", ""), chosen_columns(self.request.POST))
        except StagedUploadMissing as missing:
            return self.start_again(missing)
        return self.show_preview(upload)
