from . import test_collector
