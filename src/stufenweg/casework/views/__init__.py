"""Views of the casework screens, split by use case (list, detail, actions, worklists, caseload,
measures). Thin: selectors read, services write, forms validate."""
