# miz — make targets (see README.md). Everything goes through scripts/miz.sh.
.PHONY: run test test-install lint bench setup shell

run:
	@bash scripts/miz.sh run

test:
	@bash scripts/miz.sh test

test-install:
	@bash scripts/miz.sh test-install

lint:
	@bash scripts/miz.sh lint

bench:
	@bash scripts/miz.sh bench

setup:
	@bash scripts/miz.sh setup
