from . import test_desk_inquiry
