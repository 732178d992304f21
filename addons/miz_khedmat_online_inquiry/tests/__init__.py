from . import test_tracking_inquiries
