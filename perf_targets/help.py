"""帮助: the user guide (docs/用户手册.md) as a page of the site, and its screenshots (docs/img/).

The guide is written once, in the repository, and read here: no copy to keep in step. Raw HTML in the markdown is
not rendered (markdown-it with html off), so the page shows the guide's text and nothing else.
"""
import re

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe
from markdown_it import MarkdownIt

GUIDE = settings.BASE_DIR / "docs" / "用户手册.md"
IMAGES = settings.BASE_DIR / "docs" / "img"
IMAGE_NAME = re.compile(r"[a-z0-9_-]+\.(png|jpg)")
IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg"}


def guide_html(text: str) -> str:
    """The guide as HTML; its images (`img/x.png`) point at /help/img/x.png."""
    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    return html.replace('src="img/', 'src="/help/img/')


@login_required
@require_safe
def help_page(request):
    html = guide_html(GUIDE.read_text(encoding="utf-8"))
    return render(request, "help.html", {"guide": mark_safe(html)})  # noqa: S308 - rendered with raw HTML off


@login_required
@require_safe
def help_image(request, name: str):
    match = IMAGE_NAME.fullmatch(name)
    path = IMAGES / name
    if not match or not path.is_file():
        raise Http404("没有这张截图。")
    return FileResponse(path.open("rb"), content_type=IMAGE_TYPES[match.group(1)])
