"""Reading the sitemap in tests: the index, and every part it lists."""

import re


def sitemap_parts(client):
    """The paths of the parts ``/sitemap.xml`` (an index) lists."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = response.content.decode()
    assert "<sitemapindex" in index
    locs = re.findall(r"<sitemap>\s*<loc>([^<]+)</loc>", index)
    return [re.sub(r"^https?://[^/]+", "", loc).replace("&amp;", "&") for loc in locs]


def whole_sitemap(client):
    """The text of every part of the sitemap, one after the other."""
    texts = []
    for part in sitemap_parts(client):
        response = client.get(part)
        assert response.status_code == 200, part
        texts.append(response.content.decode())
    return "\n".join(texts)
