from . import test_i18n
from . import test_print
from . import test_jalali_tour
from . import test_sms
from . import test_org
from . import test_partner
from . import test_calendar
from . import test_sequence
