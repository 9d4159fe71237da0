"""Who may do what with recommendations and actions. Views and the models' moves call these;
templates only show the result. No database access beyond the person's roles (read once per
request) and the action's own fields.

- Managers: everything, and they alone close actions (the sign-off) and override a
  recommendation's status.
- Performance officers: add and change actions, add updates to any action, record members'
  challenges at meetings.
- An action's owner: add updates to it, start it and mark it complete.
- Everyone with a role reads recommendations and actions; a member's challenge is read by
  whoever may open the meeting it was raised at, and by the member.
"""

from django.contrib.auth.models import AbstractBaseUser

from accounts import roles


def is_manager(user: AbstractBaseUser) -> bool:
    return roles.has_role(user, roles.MANAGER)


def keeps_the_plan(user: AbstractBaseUser) -> bool:
    """Officers and managers add and change actions and record challenges."""
    return is_manager(user) or roles.has_role(user, roles.OFFICER)


def may_update(user: AbstractBaseUser, action) -> bool:
    """Add progress updates, start an action or mark it complete: officers, managers and the
    action's owner."""
    return keeps_the_plan(user) or (
        roles.has_any_role(user) and action.owner_id is not None and action.owner_id == user.pk
    )


def may_close(user: AbstractBaseUser) -> bool:
    """Closing is a manager's sign-off."""
    return is_manager(user)
