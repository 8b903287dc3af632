"""Fixtures of the admin tests."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db.models import Q


@pytest.fixture
def editorial_groups(transactional_db, group_permissions):
    """Brings the Editors and Publishers groups back after an earlier transactional test
    flushed them (a flush recreates permissions, not what data migrations made)."""
    assert {"Editors", "Publishers"} <= set(group_permissions), "groups were read too late"
    for name, permissions in group_permissions.items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            wanted = Q(pk__in=[])
            for app_label, codename in permissions:
                wanted |= Q(content_type__app_label=app_label, codename=codename)
            group.permissions.set(Permission.objects.filter(wanted))
