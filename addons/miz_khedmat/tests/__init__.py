from . import test_desk_flow
from . import test_desk_errors
from . import test_survey
from . import test_sms_stages
from . import test_dashboard
from . import test_security_rpc
from . import test_overdue
from . import test_desk_daily
