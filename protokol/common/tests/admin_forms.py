"""Post an admin change page as the browser would: every field of its form and inline forms as shown."""

from django.forms import BaseForm, MultiWidget, Widget
from django.test import Client


def _put(data: dict, name: str, widget: Widget, value: object) -> None:
    if value is None or value is False:
        return  # an empty field, an unchecked box: the browser sends nothing
    if isinstance(widget, MultiWidget):  # a date and a time, posted as two fields
        for suffix, part in zip(widget.widgets_names, widget.decompress(value), strict=True):
            data[f"{name}{suffix}"] = str(part)
    elif value is True:
        data[name] = "on"
    elif isinstance(value, list | tuple):
        data[name] = [str(v) for v in value]
    else:
        data[name] = str(value)


def _form_data(form: BaseForm) -> dict:
    data: dict = {}
    for field in form:
        value = field.field.prepare_value(field.value())
        _put(data, field.html_name, field.field.widget, value)
        if field.field.show_hidden_initial:  # e.g. a date with a default: the page also sends what it showed
            _put(data, field.html_initial_name, field.field.hidden_widget(), value)
    return data


def shown_form(client: Client, url: str) -> dict:
    """The data an unchanged submit of the admin page at `url` posts (inline forms included)."""
    response = client.get(url)
    assert response.status_code == 200
    data = _form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for form in formset.forms:
            data.update(_form_data(form))
    return data
