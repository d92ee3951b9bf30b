"""Correct versions of single/declared_parameters.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

NOTHING_TO_COMPARE = {
    "scenario_bad_refresh_in_a_second_session": "it only deactivates the user; nothing is printed",
}
