"""Logging in: the identity provider's button, the password form where it is on, and break-glass."""

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponse

from protokol.common import signin_audit
from protokol.common.throttle import BreakGlassAuthenticationForm, ThrottledAuthenticationForm
from protokol.workspace import oidc


class LoginView(auth_views.LoginView):
    template_name = "workspace/login.html"
    next_page = "workspace:home"
    authentication_form = ThrottledAuthenticationForm
    break_glass = False

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "sso": oidc.enabled(),
                "sso_failed": self.request.GET.get("sso") == "failed",
                "password_form": settings.PROTOKOL_LOCAL_LOGIN or self.break_glass,
                "break_glass": self.break_glass,
            }
        )
        return context


class BreakGlassLoginView(LoginView):
    """A break-glass account's password login when password login is off; each use is audited."""

    authentication_form = BreakGlassAuthenticationForm
    break_glass = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        if not settings.PROTOKOL_LOCAL_LOGIN:
            signin_audit.break_glass_login(user=form.get_user(), request=self.request)
        return response
