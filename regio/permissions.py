"""Access rules for views, in one place per view.

Every view is wrapped in exactly one of these decorators, which also labels it
(`view.toegang`), so a test can prove that no URL is left without a rule. Denied means: a
redirect to the login page for anonymous visitors, 403 for a logged-in user. An object that must
stay secret (a concept and what is in it) is a 404 for whoever may not see it, the same 404 as
for one that does not exist, before its permission is asked (`geheim_object`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]
ObjectLader = Callable[..., object]
ZichtbaarLader = Callable[..., object]


def _label(view: View, toegang: str) -> View:
    view.toegang = toegang
    return view


def openbaar(view: View) -> View:
    """Anyone, also without an account (what the view shows still comes from selectors)."""
    return _label(view, "openbaar")


def ingelogd(view: View) -> View:
    """Any logged-in user."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _label(wrapper, "ingelogd")


def heeft_recht(*perms: str) -> Callable[[View], View]:
    """A role (group) permission; with several, any one of them suffices."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(request.user.has_perm(p) for p in perms):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _label(wrapper, "recht:" + "|".join(perms))

    return decorator


def heeft_objectrecht(
    perm: str | tuple[str, ...], lader: ObjectLader, *, of_recht: str | None = None
) -> Callable[[View], View]:
    """An object permission on the object `lader(**kwargs)` loads (404 if unknown); with a
    tuple, any one of them suffices (the griffier's or a raadslid's right on a gemeente);
    `of_recht` names a role permission that grants the same for every object."""
    perms = (perm,) if isinstance(perm, str) else tuple(perm)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            obj = lader(**kwargs)
            if not (
                any(request.user.has_perm(p, obj) for p in perms)
                or (of_recht is not None and request.user.has_perm(of_recht))
            ):
                raise PermissionDenied
            request.toegang_object = obj
            return view(request, *args, **kwargs)

        label = "objectrecht:" + "|".join(perms) + (f"|{of_recht}" if of_recht else "")
        return _label(wrapper, label)

    return decorator


def geheim_object(
    lader: ZichtbaarLader, *, recht: str | None = None, objectrecht: str | None = None
) -> Callable[[View], View]:
    """An object that must stay secret for some: `lader(user, **kwargs)` returns it only when
    this user may see it and raises Http404 otherwise (the selectors decide), so that a secret
    one and one that does not exist look the same. Whoever may see it needs the role permission
    `recht` or the permission `objectrecht` on the object, else 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            obj = lader(request.user, **kwargs)
            if not (
                (recht is not None and request.user.has_perm(recht))
                or (objectrecht is not None and request.user.has_perm(objectrecht, obj))
            ):
                raise PermissionDenied
            request.toegang_object = obj
            return view(request, *args, **kwargs)

        label = "geheim:" + "|".join(r for r in (recht, objectrecht) if r)
        return _label(wrapper, label)

    return decorator
