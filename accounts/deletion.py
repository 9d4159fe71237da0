"""People are deactivated, never deleted, once anything records them.

Deleting a user would blank "approved by" on their values without a history row, and
django-simple-history sets its `history_user` to NULL (it cannot be made PROTECT), so the
audit trail would lose who entered, submitted or approved a figure. A `pre_delete` receiver is
the one hook that sees every deletion (the admin, the shell, a bulk delete) before Django
nulls or cascades anything; the admin offers no delete for users at all.
"""

from django.db.models import ProtectedError
from django.db.models.deletion import get_candidate_relations_to_delete


def records_naming(user) -> list[str]:
    """What names this person: values, their history, the admin log, board memberships...
    (the links between people and their groups or permissions do not count)."""
    found = []
    for relation in get_candidate_relations_to_delete(user._meta):
        model = relation.related_model
        if model._meta.auto_created:
            continue
        if model._base_manager.filter(**{relation.field.name: user}).exists():
            found.append(str(model._meta.verbose_name_plural))
    return sorted(set(found))


def refuse_to_delete_people_on_record(sender, instance, **kwargs) -> None:
    found = records_naming(instance)
    if found:
        raise ProtectedError(
            f"{instance.get_username()} cannot be deleted because records name them "
            f"({', '.join(found)}). Deactivate the account instead (untick Active), so their "
            "name stays on what they did.",
            set(),
        )
