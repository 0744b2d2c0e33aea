"""Demo members of the working groups: some named, most only counted, one facilitator each."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.accounts.models import Resident, Role
from commune.spaces.models import Membership, MembershipRole, Space, SpaceKind

MEMBERS_PER_GROUP = 14


def load_memberships(today: datetime.date, progress) -> None:
    groups = list(Space.objects.filter(kind=SpaceKind.WORKING_GROUP).order_by("slug"))
    residents = list(Resident.objects.filter(role=Role.RESIDENT).order_by("pk"))
    for done, group in enumerate(groups, start=1):
        chosen = residents[done * 3 : done * 3 + MEMBERS_PER_GROUP]
        joined = timezone.make_aware(datetime.datetime.combine(group.opens_on, datetime.time(19)))
        Membership.objects.bulk_create(
            Membership(
                space=group,
                resident=resident,
                role=MembershipRole.FACILITATOR if index == 0 else MembershipRole.MEMBER,
                # About one member in three shows their name, as people tend to.
                listed_publicly=index % 3 == 0,
                joined_at=joined + datetime.timedelta(days=index),
            )
            for index, resident in enumerate(chosen)
        )
        progress(str(_("Working-group members")), done, len(groups))
