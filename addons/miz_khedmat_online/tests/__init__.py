from . import test_online_request, test_tour, test_tracking
