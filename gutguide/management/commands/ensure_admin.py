import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure an admin login exists. Honours DJANGO_SUPERUSER_USERNAME, _EMAIL and "
        "_PASSWORD; otherwise creates 'admin' with a random password printed once."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME")
        if username and os.environ.get("DJANGO_SUPERUSER_PASSWORD"):
            if not User.objects.filter(username=username).exists():
                os.environ.setdefault("DJANGO_SUPERUSER_EMAIL", "")
                call_command("createsuperuser", interactive=False, verbosity=0)
                self.stdout.write(f"Created superuser '{username}' from DJANGO_SUPERUSER_*.")
            return

        existing = User.objects.filter(is_superuser=True).order_by("pk").first()
        if existing:
            self.stdout.write(
                f"Admin login exists: '{existing.get_username()}' at /admin/ "
                f"(reset with: manage.py changepassword {existing.get_username()})."
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "", password)
        self.stdout.write(
            self.style.WARNING(
                "Created admin login for /admin/ — username: admin  password: "
                f"{password}\nThis password is shown only once; change it with "
                "`manage.py changepassword admin`."
            )
        )
