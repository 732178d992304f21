from . import test_desk_flow
