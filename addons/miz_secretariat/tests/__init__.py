from . import test_letter
from . import test_referral
from . import test_security
from . import test_print
from . import test_verify
from . import test_security_rpc
