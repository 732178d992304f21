from . import miz_khedmat_online_throttle
from . import miz_khedmat_online_otp
from . import miz_khedmat_online_question
from . import miz_khedmat_online_answer
from . import miz_khedmat_online_completion
from . import miz_khedmat_service
from . import miz_khedmat_request
from . import miz_khedmat_handover
