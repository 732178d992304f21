from . import test_models
from . import test_soap_http
from . import test_queue
from . import test_security_rpc
