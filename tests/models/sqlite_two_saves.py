"""Two saves of one title at the same moment, on a file SQLite database (run as a script
by ``test_sqlite_concurrency``): prints what each writer met, "saved" or the error."""

import sys
import threading
import time

import django


def main():
    django.setup()
    from django.core.management import call_command
    from django.db import OperationalError, connection, transaction

    from titles.models import Title

    call_command("migrate", verbosity=0)
    Title.objects.create(
        slug="delad", name_sv="Delad", name_en="Shared", field="marketing",
        seniority="mid", focus="both", profile="generalist",
    )  # fmt: skip
    connection.close()
    results, ready = [], threading.Barrier(2)

    def save(text):
        try:
            ready.wait()
            with transaction.atomic():
                title = Title.objects.get(slug="delad")  # read, as the admin does first
                time.sleep(0.3)  # the other writer reads too, meanwhile
                title.definition_en = text
                title.save()
            results.append("saved")
        except OperationalError as error:
            results.append(f"error: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(text,)) for text in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("\n".join(sorted(results)))


if __name__ == "__main__":
    sys.exit(main())
