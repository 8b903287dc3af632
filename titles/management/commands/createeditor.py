import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

EDITORS = "Editors"
PUBLISHERS = "Publishers"


class Command(BaseCommand):
    help = (
        "Create an editor: a staff account in the Editors group that can curate the glossary "
        "(with --publisher, in the Publishers group: it may also publish, retire and merge)."
    )

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
        parser.add_argument(
            "--publisher", action="store_true", help="a publisher rather than an editor"
        )

    def handle(self, *args, username, email, password, if_missing, publisher, **options):
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
        name = PUBLISHERS if publisher else EDITORS
        try:
            group = Group.objects.get(name=name)
        except Group.DoesNotExist as error:
            raise CommandError(f"The {name} group is missing: run migrate first.") from error
        user.set_password(password)
        user.save()
        user.groups.add(group)
        role = "Publisher" if publisher else "Editor"
        self.stdout.write(self.style.SUCCESS(f"{role} '{username}' created."))

    def _ask_password(self):
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords did not match.")
        return first
