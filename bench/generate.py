"""The shared data generator for benchmarks and demos.

    python bench/generate.py --zones 30 --indicators 60 --years 10 --months 12

Economy: zones × indicators × years × months of observations plus a target per zone, indicator and
year (zonework.economy.generator). Other apps may import this module and add their own generators.
Writes to the database named by DATABASE_URL (default: the SQLite file in var/).
"""

import argparse
import os
import sys
import time


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zonework.settings")
    import django

    django.setup()


def generate_economy(zones=30, indicators=60, years=10, months=12, first_year=2014, seed=2013):
    """Create (or replace) the economy benchmark data set. Returns (zones, indicators, counts)."""
    from zonework.economy import generator

    zone_rows = generator.ensure_zones(zones)
    ind_rows = generator.ensure_indicators(indicators)
    counts = generator.generate(zone_rows, ind_rows, range(first_year, first_year + years), months=months,
                                seed=seed)
    return zone_rows, ind_rows, counts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", type=int, default=30)
    parser.add_argument("--indicators", type=int, default=60)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--migrate", action="store_true", help="run migrations first")
    args = parser.parse_args(argv)
    setup()
    if args.migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    started = time.perf_counter()
    _, _, counts = generate_economy(args.zones, args.indicators, args.years, args.months)
    print(f"generated {counts} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
