"""`--dist loadgroup` keeps an xdist_group on one worker: a grouped test's id carries its group
(tests/conftest.py pytest_collection_modifyitems), as pytest-xdist's scheduler needs."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.xdist_group("groepscontrole")


def test_a_grouped_tests_id_names_its_group_exactly_when_the_run_groups(request):
    grouped = bool(getattr(request.config.option, "loadgroup", False))
    assert request.node.nodeid.endswith("@groepscontrole") == grouped
