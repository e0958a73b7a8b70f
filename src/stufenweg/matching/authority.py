"""Who may write target occupations, availability, qualifications and choices of suggestions.

The casework rule, as for contacts, the support plan and support services
(``casework.authority``: ``may_write``, ``require_writer``), checked by the services for every
caller; the views ask the same first to answer 404 (not visible) or 403 (visible, not writable).

A vacancy is chosen only by someone who reads the employer register
(``organisations.authority.reads_employers``), since only they see vacancies.
"""

from __future__ import annotations

from stufenweg.organisations.authority import reads_employers


def sees_vacancies(user) -> bool:
    return user is None or reads_employers(user)
