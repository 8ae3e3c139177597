"""帮助: the user guide (docs/用户手册.md) as a page of the site, linked from the navigation, with its screenshots."""
from perf_targets.help import guide_html


def test_the_navigation_links_the_guide_and_it_shows_every_role(client, finance):
    client.force_login(finance)
    assert '<a href="/help/">帮助</a>' in client.get("/").content.decode()
    page = client.get("/help/").content.decode()
    for role in ["财务人员", "审核人员", "管理人员", "审计人员", "财政人员", "管理员"]:
        assert f"<h2>{role}</h2>" in page
    assert '<img src="/help/img/entry-phone.jpg" alt="手机填报页"' in page


def test_the_screenshots_are_served_and_nothing_else_is(client, finance):
    client.force_login(finance)
    image = client.get("/help/img/dashboard.jpg")
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert client.get("/help/img/..%2Fsettings.py").status_code == 404
    assert client.get("/help/img/nothing.jpg").status_code == 404


def test_html_typed_in_the_guide_is_shown_as_text():
    assert guide_html("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"


def test_the_guide_needs_a_login(client, db):
    assert client.get("/help/").status_code == 302
