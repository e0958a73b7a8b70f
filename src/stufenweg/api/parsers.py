"""The API's JSON parser: every malformed body is a 400 with a German message, never a 500.

DRF's parser turns a ``ValueError`` into a 400 but lets ``RecursionError`` through: a body of
100,000 ``[`` exhausts Python's recursion limit inside the decoder. Here that and every other
decoding failure (invalid JSON, NaN/Infinity, numbers past Python's digit limit, bad encoding)
is a ``ParseError`` that names the position where one is known; the body is never echoed.
"""

from __future__ import annotations

import codecs
import json

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json as drf_json


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = parsers.get_encoding(parser_context or {})
        parse_constant = drf_json.strict_constant if self.strict else None
        try:
            return drf_json.load(codecs.getreader(encoding)(stream), parse_constant=parse_constant)
        except RecursionError:
            raise ParseError(_("Der Inhalt ist zu tief verschachtelt.")) from None
        except json.JSONDecodeError as exc:
            raise ParseError(
                _("Der Inhalt ist kein gültiges JSON (Zeile %(line)s, Spalte %(column)s).")
                % {"line": exc.lineno, "column": exc.colno}
            ) from None
        except ValueError:  # NaN or Infinity, a number too long, undecodable bytes
            raise ParseError(_("Der Inhalt ist kein gültiges JSON.")) from None
