from . import miz_agency
from . import miz_secretariat_numbering
from . import miz_secretariat_letter
from . import miz_secretariat_referral
from . import res_users
