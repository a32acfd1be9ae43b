from django.contrib import admin

from kehoach.reports.models import SigningCertificate


@admin.register(SigningCertificate)
class SigningCertificateAdmin(admin.ModelAdmin):
    """Chứng thư số per issuer: a path to the .p12 file and where its password is read."""

    list_display = ("issuer", "p12_path", "password_ref", "is_test", "updated_at")
    fields = ("issuer", "p12_path", "password_ref", "is_test")
    autocomplete_fields = ()
