"""Finance attaches a scanned sign-in sheet to an indicator line in real Chromium, finds it listed, downloads it
under its Chinese name, removes a wrong one with a reason; a manager of the department reads the list only."""
import hashlib

import pytest
from playwright.sync_api import expect

from indicators.evidence_models import EvidenceFile
from tests.conftest import project
from tests.evidence import files


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_finance_uploads_downloads_and_removes_evidence(new_page, live_server, output_dir, seeded, finance, manager,
                                                        tmp_path):
    training = project(2)
    line = training.indicators.get(order=1)
    scan = tmp_path / "培训签到表（第1期）.pdf"
    scan.write_bytes(files.PDF)
    page = new_page("finance", width=1400, height=1000)
    page.goto(f"{live_server.url}/entry/{training.pk}/")
    block = page.locator(f"#evidence-{line.pk}")
    # The page's own 选择文件 button, in the page's language, and the chosen file's name beside it.
    expect(block.get_by_role("button", name="选择文件")).to_be_visible()
    expect(block.locator(".file-name")).to_have_text("未选择文件")
    block.locator("input[type=file]").set_input_files(str(scan))
    expect(block.locator(".file-name")).to_have_text("培训签到表（第1期）.pdf")
    block.get_by_role("button", name="上传").click()
    expect(page.locator(".messages")).to_contain_text("已上传佐证材料「培训签到表（第1期）.pdf」")
    expect(block.locator("table")).to_contain_text("培训签到表（第1期）.pdf")
    expect(block.locator("h3")).to_contain_text("（1 个文件）")
    page.screenshot(path=str(output_dir / "uploaded.png"), full_page=True)

    with page.expect_download() as download:
        block.get_by_role("link", name="培训签到表（第1期）.pdf").click()
    saved = tmp_path / "downloaded.pdf"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "培训签到表（第1期）.pdf"
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == EvidenceFile.objects.get().sha256

    wrong = tmp_path / "setup.exe.pdf"
    wrong.write_bytes(files.PROGRAM)
    budget = page.locator("#evidence-budget")
    budget.locator("input[type=file]").set_input_files(str(wrong))
    budget.get_by_role("button", name="上传").click()
    expect(page.locator(".messages")).to_contain_text("内容是可执行程序或脚本")
    assert EvidenceFile.objects.count() == 1

    block = page.locator(f"#evidence-{line.pk}")
    block.get_by_placeholder("移除原因（必填）").fill("扫描不清，重新上传")
    block.get_by_role("button", name="移除").click()
    expect(page.locator(".messages")).to_contain_text("文件仍保留备查")
    expect(page.locator(f"#evidence-{line.pk} table")).to_contain_text("已移除")
    expect(page.locator(f"#evidence-{line.pk} table")).to_contain_text("扫描不清，重新上传")

    reader = new_page("manager")
    reader.goto(f"{live_server.url}/self-evaluation/{training.pk}/")
    expect(reader.locator(f"#evidence-{line.pk}")).to_contain_text("培训签到表（第1期）.pdf")
    expect(reader.locator("form.evidence-upload")).to_have_count(0)
    page.goto(f"{live_server.url}/self-evaluation/{training.pk}/")
    expect(page.locator(f"#evidence-{line.pk}").get_by_role("button", name="选择文件")).to_be_visible()
    reader.screenshot(path=str(output_dir / "manager.png"), full_page=True)
