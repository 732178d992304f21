from . import ir_actions_report
from . import ir_qweb_fields
from . import base
from . import res_users
from . import miz_sms_provider
from . import sms_sms
