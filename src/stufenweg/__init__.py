"""Stufenweg: Fallmanagement und Kennzahlen für gestufte Arbeitsmarktintegration."""

__version__ = "0.1.0"
