from tests.casework.conftest import journey, read_only  # noqa: F401 (fixtures for this folder)
