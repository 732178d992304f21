# miz — make targets (see README.md). Everything goes through scripts/miz.sh.
# make test ARGS="-k objection"   passes ARGS to pytest (selection, -x, -v, test paths…)
.PHONY: run test test-install lint bench setup shell

run:
	@bash scripts/miz.sh run

test:
	@bash scripts/miz.sh test $(ARGS)

test-install:
	@bash scripts/miz.sh test-install

lint:
	@bash scripts/miz.sh lint

bench:
	@bash scripts/miz.sh bench

setup:
	@bash scripts/miz.sh setup

shell:
	@bash scripts/miz.sh shell
