.PHONY: demo test bench load
demo:  ## install and start the app with demo data (SQLite, eager Celery)
	bash scripts/demo.sh
test:  ## install and run the whole test suite
	bash scripts/test.sh
bench: ## benchmarks on PostgreSQL (see benchmarks/README.md)
	bash benchmarks/run.sh
