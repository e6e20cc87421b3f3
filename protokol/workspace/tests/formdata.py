"""Read a form off a rendered page as a browser would submit it unchanged (inputs, textareas, selects)."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action") or "", "id": a.get("id") or "", "data": []}
            self.forms.append(self._form)
        if self._form is None:
            return
        data = self._form["data"]
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            data.append((name, a.get("value") or ("on" if a.get("type") == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = name
            data.append((name, ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            data.append((self._select, a.get("value") or ""))

    def handle_data(self, text: str) -> None:
        if self._form is not None and self._textarea:
            name, value = self._form["data"][-1]
            self._form["data"][-1] = (name, value + text)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def page_forms(html: str) -> list[dict]:
    """Each form of the page: its action, id and the (name, value) pairs an unchanged submit sends."""
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        # A textarea's first newline is not part of its value (HTML's parsing rule).
        form["data"] = [(n, v[1:] if v.startswith("\n") else v) for n, v in form["data"]]
    return parser.forms


def form_data(html: str, *, action: str = "", form_id: str = "") -> dict[str, list[str]]:
    """The unchanged submit of the one form with that action (or id), as a dict of lists for the test client."""
    found = [
        f for f in page_forms(html) if (action and f["action"] == action) or (form_id and f["id"] == form_id)
    ]
    assert len(found) == 1, f"{len(found)} forms match {action or form_id}"
    out: dict[str, list[str]] = {}
    for name, value in found[0]["data"]:
        out.setdefault(name, []).append(value)
    return out
