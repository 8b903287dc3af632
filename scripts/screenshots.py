"""Screenshots of the main reader pages at a phone and a desktop width, for docs/site.md.

Run it against a server that has the bundled glossary loaded, e.g. after ``make run`` or::

    export SECRET_KEY=x DATABASE_URL=sqlite:////tmp/design.sqlite3 DEBUG=true
    .venv/bin/python manage.py migrate -v0 && .venv/bin/python manage.py loadglossary
    .venv/bin/python manage.py runserver 127.0.0.1:8765 &
    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8765 --label after

It writes ``<label>-<page>-<width>.jpg`` (JPEG, quality 50, the top ``--max-height`` pixels
of each full page) into ``--out`` (default ``docs/screenshots/``); ``--format png`` writes
lossless PNGs instead, for a closer look. The dark-scheme role page is taken only for
``--label after`` (before the design pass the site had no dark palette). It drives Debian's
Chromium at /usr/bin/chromium through Playwright; ``playwright install`` is never needed.
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
WIDTHS = (375, 1280)
# (name, path, colour scheme). Swedish pages, plus the English home page.
PAGES = [
    ("home", "/sv/", "light"),
    ("home-en", "/en/", "light"),
    ("role", "/sv/yrken/key-account-manager/", "light"),
    ("role-dark", "/sv/yrken/key-account-manager/", "dark"),
    ("search", "/sv/sok/?q=marknad", "light"),
    ("compare", "/sv/jamfor/?roles=seo-specialist&roles=sem-specialist", "light"),
    ("guide", "/sv/guider/seo-sem-ppc/", "light"),
]


def capture(base_url, out, label, max_height, image_format="jpeg"):
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        for width in WIDTHS:
            context = browser.new_context(
                viewport={"width": width, "height": 800}, locale="sv-SE", device_scale_factor=1
            )
            page = context.new_page()
            for name, path, scheme in PAGES:
                if scheme == "dark" and label == "before":
                    continue
                page.emulate_media(color_scheme=scheme)
                response = page.goto(base_url.rstrip("/") + path, wait_until="networkidle")
                if response is None or response.status != 200:
                    raise SystemExit(f"{path} answered {response and response.status}, not 200")
                height = page.evaluate("document.documentElement.scrollHeight")
                suffix = "jpg" if image_format == "jpeg" else "png"
                target = out / f"{label}-{name}-{width}.{suffix}"
                options = {"quality": 50} if image_format == "jpeg" else {}
                page.screenshot(
                    path=str(target),
                    type=image_format,
                    **options,
                    full_page=True,
                    clip={"x": 0, "y": 0, "width": width, "height": min(height, max_height)},
                )
                written.append(target)
            context.close()
        browser.close()
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8765")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--label", choices=["before", "after"], required=True)
    parser.add_argument("--max-height", type=int, default=1600, help="pixels kept from the top")
    parser.add_argument("--format", choices=["jpeg", "png"], default="jpeg")
    args = parser.parse_args()
    for path in capture(args.base_url, args.out, args.label, args.max_height, args.format):
        print(f"{path} {path.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
