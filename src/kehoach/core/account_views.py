"""Tài khoản của tôi: change my password, reset a forgotten one, my API tokens, two-factor sign-in."""

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse_lazy
from django.views.decorators.http import require_POST

from kehoach.core import services, two_factor_views
from kehoach.core.errors import DomainError
from kehoach.core.models import TokenScope
from kehoach.core.validation import form_text_validator


class PasswordChange(auth_views.PasswordChangeView):
    """Đổi mật khẩu: the session stays signed in; every API token is revoked (core.services)."""

    template_name = "core/password_change.html"
    success_url = reverse_lazy("account-tokens")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Đã đổi mật khẩu. Mọi mã truy cập API cũ đã bị thu hồi.")
        return response


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Tên gợi nhớ", max_length=100, required=True, validators=[form_text_validator(100)]
    )
    scope = forms.ChoiceField(label="Phạm vi", choices=TokenScope.choices, initial=TokenScope.READ)
    days = forms.IntegerField(label="Số ngày hiệu lực", min_value=1, max_value=365, initial=90)


@login_required
def tokens(request):
    """Mã truy cập API của tôi: list, create (secret shown once), revoke."""
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            secret = services.issue_token(
                request.user, form.cleaned_data["name"], form.cleaned_data["scope"], form.cleaned_data["days"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            form = TokenForm()
    status = 400 if request.method == "POST" and form.errors else 200
    response = render(
        request,
        "core/tokens.html",
        {"form": form, "tokens": services.tokens_of(request.user), "secret": secret},
        status=status,
    )
    response["Cache-Control"] = "no-store"  # the new secret must not stay in any cache
    return response


@login_required
@require_POST
def revoke(request, token_id: int):
    services.revoke_token(request.user, token_id)
    messages.success(request, "Đã thu hồi mã truy cập.")
    return redirect("account-tokens")


urlpatterns = [
    path("password/", PasswordChange.as_view(), name="password_change"),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="core/password_reset.html",
            email_template_name="core/password_reset_email.txt",
            subject_template_name="core/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="core/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(template_name="core/password_reset_confirm.html"),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="core/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("tokens/", tokens, name="account-tokens"),
    path("tokens/<int:token_id>/revoke/", revoke, name="account-token-revoke"),
    # Xác thực hai bước (core/two_factor.py)
    path("login/code/", two_factor_views.login_code, name="login-code"),
    path("2fa/", two_factor_views.account_2fa, name="account-2fa"),
    path("2fa/backup-codes/", two_factor_views.backup_codes, name="account-2fa-backup"),
    path("2fa/off/", two_factor_views.turn_off, name="account-2fa-off"),
]
