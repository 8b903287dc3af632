"""Submit an admin form the way a browser would: start from what the page renders."""

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.values = {}
        self._select = None
        self._first_option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            self._input(name, attrs)
        elif tag == "select" and name:
            self._select = name
            self._first_option = None
            if "multiple" in attrs:
                self.values[name] = []
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = attrs.get("value", "")
            if "selected" in attrs:
                self._option(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def _input(self, name, attrs):
        kind = attrs.get("type", "text")
        if kind in ("checkbox", "radio"):
            if "checked" in attrs:
                self.values.setdefault(name, []).append(attrs.get("value", "on"))
        elif kind not in ("submit", "button", "file"):
            self.values[name] = attrs.get("value", "")

    def _option(self, value):
        current = self.values.get(self._select)
        if isinstance(current, list):
            current.append(value)
        else:
            self.values[self._select] = value

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            # A single select with nothing selected sends its first option, as browsers do.
            if self._select not in self.values and self._first_option is not None:
                self.values[self._select] = self._first_option
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += (
                data.lstrip("\n") if not self.values[self._textarea] else data
            )


def form_data(html, form_id):
    """The name → value pairs a browser would submit for the form with ``form_id``."""
    parser = _FormFields(form_id)
    parser.feed(html)
    return {name: value for name, value in parser.values.items() if "__prefix__" not in name}


def admin_form(client, url, form_id="title_form"):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return form_data(response.content.decode(), form_id)
