"""The demo's programmes as data: one module per programme, plus shared organisations and personas.

A programme is a dict (see ``jps.PROGRAMME`` for every key); ``PROGRAMMES`` is the load order.
Adding a programme to the demo = adding a module with a ``PROGRAMME`` dict and listing it here.
"""

from __future__ import annotations

from stufenweg.demo.catalogue import amip, jps, mentoring, sfs, wendepunkt

PROGRAMMES = [jps.PROGRAMME, sfs.PROGRAMME, wendepunkt.PROGRAMME, mentoring.PROGRAMME, amip.PROGRAMME]
