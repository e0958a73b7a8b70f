# Convenience aliases for tasks.py (which needs nothing but Python 3.11+).
.PHONY: demo test ci lint
demo:
	python3 tasks.py demo
test:
	python3 tasks.py test
ci:
	bash .ci/run
lint:
	.venv/bin/ruff check src tests bench && .venv/bin/ruff format --check src tests bench
