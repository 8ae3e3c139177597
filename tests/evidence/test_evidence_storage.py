"""Where evidence files live: local files under MEDIA_ROOT by default, an S3-compatible bucket when configured.

No bucket is reached here: the test checks the storage the settings build, not the network."""
from django.core.files.storage import FileSystemStorage, storages
from storages.backends.s3 import S3Storage

from indicators.services.evidence import add_evidence
from perf_targets.settings import evidence_storage
from tests.conftest import project
from tests.evidence import files
from tests.evidence.conftest import upload


def test_by_default_files_are_local_under_media_root_and_have_no_public_address(client, seeded, finance, auditor,
                                                                              media):
    storage = storages["evidence"]
    assert isinstance(storage, FileSystemStorage) and storage.location == str(media)
    added = add_evidence(project=project(1), user=finance, upload=upload("验收单.pdf", files.PDF))
    client.force_login(auditor)
    for address in (f"/media/{added.stored_as}", f"/{added.stored_as}", f"/static/{added.stored_as}"):
        assert client.get(address).status_code == 404, address
    assert client.get(f"/evidence/{added.pk}/download/").status_code == 200  # the one door


def test_a_bucket_in_the_environment_makes_a_private_s3_store_that_never_overwrites(monkeypatch):
    monkeypatch.setenv("EVIDENCE_S3_BUCKET", "perf-evidence")
    monkeypatch.setenv("EVIDENCE_S3_ENDPOINT_URL", "https://oss-cn-hangzhou.aliyuncs.com")
    monkeypatch.setenv("EVIDENCE_S3_ACCESS_KEY", "key-id")
    monkeypatch.setenv("EVIDENCE_S3_SECRET_KEY", "key-secret")
    config = evidence_storage()
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    storage = S3Storage(**config["OPTIONS"])
    assert (storage.bucket_name, storage.endpoint_url, storage.location) == (
        "perf-evidence", "https://oss-cn-hangzhou.aliyuncs.com", "evidence-store")
    assert (storage.default_acl, storage.file_overwrite, storage.querystring_auth) == ("private", False, True)


def test_without_a_bucket_the_store_is_local(monkeypatch):
    monkeypatch.delenv("EVIDENCE_S3_BUCKET", raising=False)
    assert evidence_storage() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
