"""Fixtures of the race tests, which commit for real (transactional) and so empty the
database afterwards."""

from __future__ import annotations

import pytest


@pytest.fixture
def demo_na_afloop(django_db_blocker):
    """A transactional test empties every table afterwards; the session's demo region is
    loaded again after that, for whatever test comes next."""
    yield
    from portaal.demo.laden import laad_demo

    with django_db_blocker.unblock():
        laad_demo()
