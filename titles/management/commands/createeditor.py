import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

EDITORS = "Editors"


class Command(BaseCommand):
    help = "Create an editor: a staff account in the Editors group that can curate the glossary."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password",
            help="the password (default: EDITOR_PASSWORD from the environment, else asked for)",
        )
        parser.add_argument(
            "--if-missing", action="store_true", help="succeed quietly if the user exists"
        )

    def handle(self, *args, username, email, password, if_missing, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            if if_missing:
                return
            raise CommandError(f"A user called '{username}' exists already.")
        password = password or os.environ.get("EDITOR_PASSWORD") or self._ask_password()
        user = User(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        try:
            group = Group.objects.get(name=EDITORS)
        except Group.DoesNotExist as error:
            raise CommandError("The Editors group is missing: run migrate first.") from error
        user.set_password(password)
        user.save()
        user.groups.add(group)
        self.stdout.write(self.style.SUCCESS(f"Editor '{username}' created."))

    def _ask_password(self):
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords did not match.")
        return first
