"""Form bodies with bytes that are not UTF-8 are refused at the edge (issue #23): Django used to decode them into
U+FFFD and the doors stored that as the user's text. Per door, the refusal is in Chinese and nothing is stored;
the same body in proper UTF-8 is saved, so each test shows the bytes alone make the difference."""
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from rest_framework.test import APIClient

from indicators.models import IndicatorReport
from tests.conftest import project

URLENCODED = "application/x-www-form-urlencoded"
BOUNDARY = "----perf-boundary"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
BAD = b"\xc5\xe0\xd1\xb5"  # 培训 in GBK: not UTF-8
GOOD = "培训".encode()
REFUSAL = "提交的内容中含有无法识别的字符（乱码，可能不是 UTF-8 编码）：未保存任何内容，请检查后重新提交。"


@pytest.fixture(autouse=True)
def year_end():
    with time_machine.travel(datetime(2026, 12, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def urlencoded(fields: dict[str, str], note_field: str, note: bytes) -> bytes:
    """The fields as a browser sends them, and `note` as raw bytes, percent-encoded."""
    plain = "&".join(f"{quote(k)}={quote(v)}" for k, v in fields.items())
    return f"{plain}&{note_field}=".encode() + quote(note).encode()


def multipart(fields: dict[str, str], note_field: str, note: bytes) -> bytes:
    """The same as multipart/form-data: text parts only, `note` as raw bytes."""
    parts = [f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value.encode()
             for name, value in fields.items()]
    parts.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{note_field}"\r\n\r\n'.encode() + note)
    return b"\r\n".join(parts) + f"\r\n--{BOUNDARY}--\r\n".encode()


def page_fields(line) -> dict[str, str]:
    return {"as_of": "2026-12-20", f"ind-{line.pk}-value": "170", f"ind-{line.pk}-seen": "", "exp-seen": ""}


@pytest.fixture
def page(seeded, finance) -> Client:
    client = Client()
    client.force_login(finance)
    return client


@pytest.fixture
def api(seeded, finance) -> APIClient:
    client = APIClient()
    client.force_authenticate(finance)
    return client


def test_an_entry_form_post_with_gbk_bytes_is_refused_and_nothing_stored(page):
    line = project(2).indicators.get(order=1)
    note = f"ind-{line.pk}-note"
    response = page.post(f"/entry/{project(2).pk}/", urlencoded(page_fields(line), note, BAD),
                         content_type=URLENCODED)
    assert response.status_code == 400 and REFUSAL in response.content.decode()
    assert IndicatorReport.objects.count() == 0

    response = page.post(f"/entry/{project(2).pk}/", urlencoded(page_fields(line), note, GOOD),
                         content_type=URLENCODED)
    assert response.status_code == 302 and IndicatorReport.objects.get().note == "培训"


def test_a_multipart_form_post_with_gbk_bytes_is_refused_and_nothing_stored(page):
    line = project(2).indicators.get(order=1)
    note = f"ind-{line.pk}-note"
    response = page.post(f"/entry/{project(2).pk}/", multipart(page_fields(line), note, BAD), content_type=MULTIPART)
    assert response.status_code == 400 and REFUSAL in response.content.decode()
    assert IndicatorReport.objects.count() == 0

    response = page.post(f"/entry/{project(2).pk}/", multipart(page_fields(line), note, GOOD), content_type=MULTIPART)
    assert response.status_code == 302 and IndicatorReport.objects.get().note == "培训"


@pytest.mark.parametrize("encode, content_type", [
    (lambda fields, bytes_: urlencoded(fields, "note", bytes_), URLENCODED),
    (lambda fields, bytes_: multipart(fields, "note", bytes_), MULTIPART),
], ids=["urlencoded", "multipart"])
def test_an_api_post_with_gbk_bytes_is_a_json_400_and_nothing_stored(api, encode, content_type):
    line = project(2).indicators.get(order=1)
    url = f"/api/indicators/{line.pk}/reports/"
    fields = {"value": "155", "as_of": "2026-12-20"}
    response = api.generic("POST", url, encode(fields, BAD), content_type=content_type)
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [REFUSAL]}
    assert IndicatorReport.objects.count() == 0

    response = api.generic("POST", url, encode(fields, GOOD), content_type=content_type)
    assert response.status_code == 201 and IndicatorReport.objects.get().note == "培训"


def test_a_body_declared_gbk_gets_the_same_chinese_refusal(page):
    """Django reads a form body only as UTF-8; a declared GBK body was its English 400, now the same refusal."""
    line = project(2).indicators.get(order=1)
    note = f"ind-{line.pk}-note"
    response = page.post(f"/entry/{project(2).pk}/", urlencoded(page_fields(line), note, BAD),
                         content_type=f"{URLENCODED}; charset=gbk")
    assert response.status_code == 400 and REFUSAL in response.content.decode()
    assert IndicatorReport.objects.count() == 0
