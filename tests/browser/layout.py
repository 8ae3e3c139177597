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
