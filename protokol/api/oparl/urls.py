from django.urls import path, re_path, register_converter

from protokol.api.oparl import views as v


class IdConverter:
    """A database id: digits, short enough for any database's integer."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "oparl_id")

app_name = "oparl"
urlpatterns = [
    path("", v.system),
    path("system", v.system, name="system"),
    path("body", v.body_list, name="body-list"),
    path("body/<oparl_id:pk>", v.body, name="body"),
    path("body/<oparl_id:pk>/organization", v.body_organizations, name="body-organizations"),
    path("body/<oparl_id:pk>/person", v.body_persons, name="body-persons"),
    path("body/<oparl_id:pk>/meeting", v.body_meetings, name="body-meetings"),
    path("body/<oparl_id:pk>/paper", v.body_papers, name="body-papers"),
    path("body/<oparl_id:pk>/agendaItem", v.body_agendaitems, name="body-agendaitems"),
    path("body/<oparl_id:pk>/consultation", v.body_consultations, name="body-consultations"),
    path("body/<oparl_id:pk>/file", v.body_files, name="body-files"),
    path("body/<oparl_id:pk>/location", v.body_locations, name="body-locations"),
    path("body/<oparl_id:pk>/legislativeTerm", v.body_legislativeterms, name="body-legislativeterms"),
    path("body/<oparl_id:pk>/legislativeTerm/<oparl_id:year>", v.legislativeterm, name="legislativeterm"),
    path("organization/<oparl_id:pk>", v.organization, name="organization"),
    path("organization/<oparl_id:pk>/meeting", v.organization_meetings, name="organization-meetings"),
    path(
        "organization/<oparl_id:pk>/consultation",
        v.organization_consultations,
        name="organization-consultations",
    ),
    path("meeting/<oparl_id:pk>", v.meeting, name="meeting"),
    path("meeting/<oparl_id:pk>/invitation", v.meeting_invitation, name="meeting-invitation"),
    path("meeting/<oparl_id:pk>/resultsProtocol", v.meeting_results, name="meeting-results"),
    path("agendaItem/<oparl_id:pk>", v.agendaitem, name="agendaitem"),
    path("paper/<oparl_id:pk>", v.paper, name="paper"),
    path("consultation/<oparl_id:pk>", v.consultation, name="consultation"),
    path("file/<oparl_id:pk>", v.file, name="file"),
    path("file/<oparl_id:pk>/access", v.file_access, name="file-access"),
    path("file/<oparl_id:pk>/download", v.file_download, name="file-download"),
    path("location/<str:key>", v.location, name="location"),
    path("person/<oparl_id:pk>", v.person, name="person"),
    path("membership/<oparl_id:pk>", v.membership, name="membership"),
    path("party/<oparl_id:pk>", v.party, name="party"),
    re_path(r"^(?P<rest>.*)$", v.not_found),
]
