from . import test_i18n
from . import test_print
from . import test_jalali_tour
from . import test_sms
