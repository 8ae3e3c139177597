"""What a person sees of a page's layout, read from the rendered boxes."""

# The words are the text right after the box in its label; a box beside them ends before they start and shares
# their line.
_BESIDE_ITS_WORDS = """box => {
    const words = document.createRange();
    words.selectNodeContents(box.nextSibling);
    const w = words.getBoundingClientRect(), b = box.getBoundingClientRect();
    return b.right <= w.left && b.top < w.bottom && b.bottom > w.top;
}"""


def stands_beside_its_words(page, selector: str) -> bool:
    """Whether the checkbox or radio button at `selector` stands on the line of its words, to their left."""
    return page.locator(selector).evaluate(_BESIDE_ITS_WORDS)


# The first `length` characters of the element's first text (at any depth within it), as boxes: one box when they
# stand on one line.
_KEPT_ON_ONE_LINE = """(cell, length) => {
    const first = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT).nextNode();
    const text = document.createRange();
    text.setStart(first, 0);
    text.setEnd(first, length);
    return text.getClientRects().length === 1;
}"""


def keeps_on_one_line(page, selector: str, text: str) -> bool:
    """Whether the element at `selector` begins with `text` and shows it on one line, unbroken."""
    cell = page.locator(selector)
    assert cell.inner_text().startswith(text), cell.inner_text()
    return cell.evaluate(_KEPT_ON_ONE_LINE, len(text))


def no_horizontal_scroll(page) -> bool:
    """Whether the page fits its screen's width: nothing to scroll sideways to."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def fits_the_width(locator, width: int) -> bool:
    """Whether the element lies whole within a screen `width` pixels wide: nothing of it off either side."""
    box = locator.bounding_box()
    return box["x"] >= 0 and box["x"] + box["width"] <= width
